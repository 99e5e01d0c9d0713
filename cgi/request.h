/*
 * request.h - an HTTP request as finews sees it, parsed and validated
 * at the edge, before any handler runs.  Handlers only ever read the
 * decoded, checked fields of struct request.
 */
#ifndef FINEWS_REQUEST_H
#define FINEWS_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#define REQUEST_TARGET_MAX 2048   /* bytes of the request target */
#define REQUEST_PARAMS_MAX 32

enum method { METHOD_GET, METHOD_HEAD, METHOD_OTHER };

struct param {
	char *name, *value;           /* percent-decoded, valid UTF-8 */
};

struct request {
	enum method method;
	char *path;                   /* decoded; starts with '/' */
	struct param params[REQUEST_PARAMS_MAX];
	size_t nparams;
	const char *error;            /* why it is a bad request, or NULL */
	char *origin;                 /* "https://host:port" nginx vouches
					 for (request_origin), or NULL */
	char *if_none_match;          /* the headers, as sent, or NULL */
	int64_t if_modified_since;    /* seconds since the epoch, or -1 */
	int gzip;                     /* Accept-Encoding takes gzip */
};

/*
 * Parse method and target (the raw request target, "/path?query").
 * Returns 0, or -1 with r->error set: the request is a 400.
 * request_free() is needed either way.
 */
int request_parse(struct request *r, const char *method, const char *target);
void request_free(struct request *r);

/* The conditional headers If-None-Match and If-Modified-Since (either
 * may be NULL); an unreadable date is ignored, as HTTP says. */
void request_conditions(struct request *r, const char *inm, const char *ims);

/* Accept-Encoding (or NULL): does it take gzip (or x-gzip) with a q
 * above 0?  ("*" is not taken for gzip: nginx's map in conf/finews.nginx
 * gives finews "gzip" or "" and keys its cache on the same.) */
void request_accept_encoding(struct request *r, const char *ae);

/*
 * The origin the request came to, as the web server vouches for it, for
 * absolute URLs when the site's config names none: the server's name
 * (SERVER_NAME: nginx's server_name, the first one), else the address
 * the request came to (SERVER_ADDR), https when on, and the server's port
 * (SERVER_PORT) when it is not the scheme's own.  Never the Host header:
 * the client writes it, and nginx's micro-cache would serve a page made
 * with it to everyone (with upstream's fastcgi_params it arrives as
 * written; even Debian's HTTP_HOST $host is the client's).  A name that
 * is not a plain host name ("_", "*.example.org", a regex) gives way to
 * the address; with neither, origin stays NULL.
 */
void request_origin(struct request *r, const char *name, const char *addr,
		    const char *port, int https);

/* "Sun, 06 Nov 1994 08:49:37 GMT" to seconds, or -1. */
int64_t http_date_parse(const char *s);
/* Seconds to an HTTP date (buf of 32 bytes at least). */
void http_date_format(int64_t t, char *buf, size_t size);

/* The value of parameter name (compared ignoring ASCII case when icase),
 * or NULL. */
const char *request_param(const struct request *r, const char *name, int icase);
/* A "page" parameter's value: N when written plainly (no sign, no
 * leading 0, 9 digits at most), 1 when absent (NULL), 0 when bad. */
long request_page_of(const char *v);

/* The source index's parameters (/category/?sort=name&q=…&page=N). */
#define SOURCES_FILTER_MAX 64        /* bytes of q */
struct sources_query {
	int by_name;                  /* sort=name; else by activity
					 (sort=activity, or none) */
	char q[SOURCES_FILTER_MAX + 1]; /* q without the spaces around it,
					 ASCII lower-cased; "" for none */
	long page;                    /* 1 when absent */
};
/* NULL and *sq, or why the parameters are bad (a 400): an unknown sort,
 * a q longer than SOURCES_FILTER_MAX bytes or with a control character,
 * a page that is not a positive number written plainly. */
const char *request_sources(const struct request *r, struct sources_query *sq);

/* The search page's parameters (/search?q=…&cat=…&from=…&to=…, and
 * page=N or a cursor before=<published>.<n>: the results older than
 * the search key published * 65536 + n). */
#define SEARCH_CAT_MAX 200           /* bytes of cat */
struct search_query {
	const char *q;                /* or NULL */
	const char *cat;              /* a category's slug, or NULL */
	char from[11], to[11];        /* "YYYY/MM/DD" as posts.day, or "" */
	long page;                    /* 1 when absent */
	int before;                   /* 1: before=, key its search key */
	int64_t key;
};
/* NULL and *sq, or why the parameters are bad (a 400), in Chinese: a
 * date that is not a real YYYY-MM-DD, from later than to, a cat with a
 * control character or a '/' or too long, a bad page or cursor, or a
 * page and a cursor at once.  An empty value (as a
 * form sends an empty field) is no value. */
const char *request_search(const struct request *r, struct search_query *sq);

/* Decode percent-escapes of s[0..n) ('+' is a space when plus); the
 * result is valid UTF-8 without NUL bytes, else NULL. */
char *percent_decode(const char *s, size_t n, int plus);

#endif

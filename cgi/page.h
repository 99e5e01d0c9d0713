/*
 * page.h - one worker's context, and what every page kind shares: the
 * layout (site title, category navigation), post list items, URLs, and
 * writing the response (status, headers, HEAD without a body).
 */
#ifndef FINEWS_PAGE_H
#define FINEWS_PAGE_H

#include <sys/types.h>

#include <fcgiapp.h>

#include "request.h"
#include "store.h"
#include "tmpl.h"
#include "util.h"

#define POSTS_PER_PAGE 50

/* What the router took from the path, for the handler. */
struct route {
	char *categories;     /* "emnews" or "a/b" ("" for none), or a name */
	char day[11];         /* "2021/12/08" */
	char *slug;
	char *tag;            /* a tag's name */
	const char *moved;    /* where a fixed old address moved to */
};

#define NAV_MENU_MAX 8       /* menu categories shown, at most */
#define SOURCE_INITIALS 28   /* a..z, 0-9, others (ui-sources.c) */

/* A category in the navigation. */
struct nav_item {
	int64_t id;
	char *slug, *name, *url;
};

/* A search's count as store_search_count made it (ui-search.c), for the
 * search text (its MATCH and words, each with a mark for NULL) and
 * filters it was made for. */
#define SEARCH_COUNTS 16
#define SEARCH_COUNT_KEY 512
struct search_count {
	char key[SEARCH_COUNT_KEY];
	size_t len;            /* 0: unused */
	int64_t category, from, below;
	long limit, seen, ok;
};

/* The site's values (the store's site table), its navigation menu and
 * what the source index counts, as of the store's data version: read
 * again only after an import.  All of it stays small whatever the number
 * of categories. */
struct site {
	char *title, *description, *lang, *author;
	char *config_url;      /* _config.yml's url, no '/' at the end, or NULL */
	int beijing;           /* the site's zone is China's (北京时间) */
	int64_t modified;      /* when an import last changed the store, or 0 */
	struct nav_item menu[NAV_MENU_MAX];   /* categories.menu, in order */
	size_t nmenu;
	char *nav_html[NAV_MENU_MAX + 2];     /* nav.tpl rendered: [0] with
				  nothing current, [i + 1] with menu[i]
				  current, [nmenu + 1] with the source index
				  current; each made when first needed */
	struct nav_item extra; /* the last category shown outside the menu */
	char *extra_html;      /* and the navigation with it current */
	long sources;          /* how many categories; -1: not counted yet */
	long initials[SOURCE_INITIALS];  /* of them by initial (ui-sources.c) */
	struct search_count counts[SEARCH_COUNTS];   /* the last searches' */
	size_t next_count;     /* the one to replace next */
	int64_t version;       /* PRAGMA data_version they were read at; -1 */
	char *url;             /* config_url, else the request's origin */
};

struct z_stream_s;

/* One worker: its own store connection, and the request in hand. */
struct ctx {
	struct store store;
	FCGX_Stream *out;
	struct request req;
	struct route route;
	const char *allow;          /* an Allow header to send, or NULL */
	const char *location;       /* a Location header to send, or NULL */
	const char *cache_control;  /* NULL: no Cache-Control header */
	const char *current;        /* slug of the category being shown */
	const char *current_name;   /* and its name */
	int current_sources;        /* the source index is being shown */
	int own_search_form;        /* the page has its own search form: the
				       layout's box is left out (ui-search.c) */
	struct site site;           /* filled by page_site() */
	struct z_stream_s *gzip;    /* zlib's state, made on the first gzipped
				       page and reset for each (page.c) */
	struct refusal {            /* the last store file refused (finews.c) */
		struct store_id id;
		int64_t when;       /* 0: none yet */
		char why[200];
	} refused;
};

/*
 * A page in the layout: the root dictionary, its title ("title - site";
 * the site's title alone when title is NULL), and the
 * dictionary of the page's own template body_tpl (*body).  NULL when
 * the store failed.
 */
struct tmpl_dict *page_new(struct ctx *c, const char *title,
			   const char *description, const char *body_tpl,
			   struct tmpl_dict **body);
/* <link rel="canonical">: the site's url followed by path. */
void page_canonical(struct ctx *c, struct tmpl_dict *root, const char *path);
/* Read the site's values into c->site, and set SITE_TITLE,
 * SITE_DESCRIPTION, SITE_URL, SITE_AUTHOR and LANG in d.  -1: store failed. */
int page_site(struct ctx *c, struct tmpl_dict *d);
void page_site_free(struct site *site);
/* Free c->gzip. */
void page_gzip_free(struct ctx *c);
/* Render template file with d (freed) and send it as type. */
/* STATIC_URL, and STYLE_URL, LIVE_JS_URL, SHARE_JS_URL, SOURCES_JS_URL:
 * the files' URLs with their content's hash. */
void page_static_urls(struct tmpl_dict *d);
int page_send_template(struct ctx *c, int status, const char *file,
		       struct tmpl_dict *d, const char *type);
/* Render root (from page_new) and send it with status; frees root. */
int page_send(struct ctx *c, int status, struct tmpl_dict *root);
/* An error page in the layout (plain text when even that fails). */
int page_error(struct ctx *c, int status, const char *message);
/* A plain-text answer, for when the store is down. */
void page_plain(struct ctx *c, int status, const char *text);
/* 301 to location. */
int page_redirect(struct ctx *c, const char *location);

/* A category or a tag, found by its slug or name (a tag's are one); a
 * category also by its URL's cleaned slug (page_category_url). */
struct named {
	int64_t id;
	char *slug, *name;
};
/* 1 and *n when found, 0 when not, -1 when the store failed. */
int page_find_category(struct ctx *c, const char *slug, struct named *n);
int page_find_tag(struct ctx *c, const char *name, struct named *n);
void page_named_free(struct named *n);
/* 1 when the category slug has its page, /<slug>/ answering with it:
 * not so for a slug without a URL, nor for one whose URL another
 * category answers (of two whose URLs are one, the one whose stored slug
 * is the URL's, else the newer); 0, or -1 when the store failed. */
int page_category_shown(struct ctx *c, const char *slug);

/* ?page=N: 1 when absent; 0 when not a positive integer written plainly. */
long page_number(const struct request *r);
/* A post's date as pages show it, in the site's zone: text
 * "2021-12-08 20:30 北京时间" (or "UTC+HH:MM" for another zone), and iso
 * for <time datetime> (RFC 3339); a date without a time of day is the
 * day alone in both, "2021-12-10". */
struct when {
	char text[48], iso[40];
};
void page_when(const struct ctx *c, const struct post_row *p, struct when *w);
/* The list of posts of d (include POSTS: post-list.tpl), and one post
 * added to it as a list item. */
struct tmpl_dict *page_post_list(struct tmpl_dict *d);
void page_post_item(const struct ctx *c, struct tmpl_dict *list,
		    const struct post_row *p, int with_category);
/* The article's URL: /<categories>/<yyyy>/<mm>/<dd>/<slug>.html, each
 * name percent-encoded (Jekyll allows any character in them); without
 * categories /<yyyy>/<mm>/<dd>/<slug>.html.  The stored category path's
 * empty, "." and ".." segments are left out, as Jekyll's URLs leave them
 * out: a link never starts with "//" nor holds "/../". */
void page_post_url(struct buf *b, const struct post_row *p);
/* 1 when the stored category path stored, so cleaned, is path ("a/b",
 * as the router takes it from a URL). */
int page_path_is(const char *stored, const char *path);
/* The category's URL, /<slug, cleaned and percent-encoded>/, and 1; 0
 * (nothing added) when the slug, cleaned, is not one segment: no page. */
int page_category_url(struct buf *b, const char *slug);
/* The tag's URL, /tags/<name, percent-encoded>/, and 1; 0 (nothing
 * added) for a name no URL can carry: "", ".", "..", or one with '/'. */
int page_tag_url(struct buf *b, const char *name);

#endif

/*
 * request.c - parse and validate a request target: percent-decoding,
 * UTF-8, length, dot segments, the query's parameters.
 */
#define _XOPEN_SOURCE 700   /* strptime */
#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <time.h>

#include "util.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *percent_decode(const char *s, size_t n, int plus)
{
	char *out = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				goto bad;
			ch = (char)(hi << 4 | lo);
			i += 2;
		} else if (ch == '+' && plus) {
			ch = ' ';
		}
		if (ch == '\0')
			goto bad;
		out[k++] = ch;
	}
	out[k] = '\0';
	if (!utf8_valid(out, k))
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

/* A path with a "." or ".." segment, or a control character, is refused. */
static int path_ok(const char *p)
{
	if (p[0] != '/')
		return 0;
	for (const char *s = p; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	for (const char *seg = p + 1;; ) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if ((n == 1 && seg[0] == '.') || (n == 2 && !memcmp(seg, "..", 2)))
			return 0;
		if (!end)
			return 1;
		seg = end + 1;
	}
}

static int parse_query(struct request *r, const char *q)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		if (n) {
			const char *eq = memchr(q, '=', n);
			size_t kn = eq ? (size_t)(eq - q) : n;
			char *name = percent_decode(q, kn, 1);
			char *value = eq ? percent_decode(eq + 1, n - kn - 1, 1)
					 : xstrdup("");
			if (!name || !value) {
				free(name);
				free(value);
				r->error = "bad encoding in the query";
				return -1;
			}
			if (r->nparams == REQUEST_PARAMS_MAX) {
				free(name);
				free(value);
				r->error = "too many parameters";
				return -1;
			}
			r->params[r->nparams].name = name;
			r->params[r->nparams].value = value;
			r->nparams++;
		}
		q += n;
		if (*q == '&')
			q++;
	}
	return 0;
}

int request_parse(struct request *r, const char *method, const char *target)
{
	memset(r, 0, sizeof *r);
	r->if_modified_since = -1;
	if (!method || !strcmp(method, "GET"))
		r->method = METHOD_GET;
	else if (!strcmp(method, "HEAD"))
		r->method = METHOD_HEAD;
	else
		r->method = METHOD_OTHER;
	if (!target || !*target) {
		r->error = "no request target";
		return -1;
	}
	size_t len = strlen(target);
	if (len > REQUEST_TARGET_MAX) {
		r->error = "request target too long";
		return -1;
	}
	size_t plen = strcspn(target, "?#");
	r->path = percent_decode(target, plen, 0);
	if (!r->path) {
		r->error = "bad encoding in the path";
		return -1;
	}
	if (!path_ok(r->path)) {
		r->error = "bad path";
		return -1;
	}
	if (target[plen] == '?') {
		size_t qlen = strcspn(target + plen + 1, "#");
		char *q = xstrndup(target + plen + 1, qlen);
		int rc = parse_query(r, q);
		free(q);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void request_free(struct request *r)
{
	free(r->path);
	free(r->origin);
	free(r->if_none_match);
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].name);
		free(r->params[i].value);
	}
	memset(r, 0, sizeof *r);
}

const char *request_param(const struct request *r, const char *name, int icase)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (icase ? !strcasecmp(r->params[i].name, name)
			  : !strcmp(r->params[i].name, name))
			return r->params[i].value;
	return NULL;
}

/* "?page=N": N when written plainly (no sign, no leading 0, 9 digits at
 * most), 1 when absent, 0 when bad. */
long request_page_of(const char *v)
{
	if (!v)
		return 1;
	size_t n = strlen(v);
	if (n == 0 || n > 9 || v[0] == '0' || strspn(v, "0123456789") != n)
		return 0;
	return strtol(v, NULL, 10);
}

/* The filter without the spaces around it, lower-cased, into sq->q. */
static const char *filter_of(const char *v, struct sources_query *sq)
{
	if (!v)
		return NULL;
	v += strspn(v, " \t");
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n > SOURCES_FILTER_MAX)
		return "the filter q is longer than 64 bytes";
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (ch < 0x20 || ch == 0x7f)
			return "the filter q has a control character";
		sq->q[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	sq->q[n] = '\0';
	return NULL;
}

const char *request_sources(const struct request *r, struct sources_query *sq)
{
	memset(sq, 0, sizeof *sq);
	const char *sort = request_param(r, "sort", 0);
	if (sort && *sort && strcmp(sort, "name") && strcmp(sort, "activity"))
		return "sort is name or activity";
	sq->by_name = sort && !strcmp(sort, "name");
	sq->page = request_page_of(request_param(r, "page", 0));
	if (!sq->page)
		return "page is a positive number";
	return filter_of(request_param(r, "q", 0), sq);
}

/* A value given and not empty, or NULL. */
static const char *given(const struct request *r, const char *name)
{
	const char *v = request_param(r, name, 0);
	return v && *v ? v : NULL;
}

/* "YYYY-MM-DD", a day of the calendar, into day as "YYYY/MM/DD". */
static int day_of(const char *v, char day[11])
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' ||
	    strspn(v, "0123456789") != 4 || strspn(v + 5, "0123456789") != 2 ||
	    strspn(v + 8, "0123456789") != 2)
		return 0;
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return 0;
	snprintf(day, 11, "%.4s/%.2s/%.2s", v, v + 5, v + 8);
	return 1;
}

/* "<published>.<n>": published seconds (maybe negative, 12 digits at
 * most), n in 0..65535; *key = published * 65536 + n. */
static int cursor_of(const char *v, int64_t *key)
{
	int neg = *v == '-';
	size_t digits = strspn(v + neg, "0123456789");
	const char *dot = v + neg + digits;
	size_t ndigits = strspn(dot + (*dot == '.'), "0123456789");
	if (!digits || digits > 12 || *dot != '.' || !ndigits || ndigits > 5 ||
	    dot[1 + ndigits] != '\0')
		return 0;
	long long t = strtoll(v, NULL, 10);
	long n = strtol(dot + 1, NULL, 10);
	if (n > 65535)
		return 0;
	*key = (int64_t)t * 65536 + n;
	return 1;
}

const char *request_search(const struct request *r, struct search_query *sq)
{
	memset(sq, 0, sizeof *sq);
	sq->q = request_param(r, "q", 0);
	sq->cat = given(r, "cat");
	if (sq->cat && (strlen(sq->cat) > SEARCH_CAT_MAX || strchr(sq->cat, '/')))
		return "分类 cat 应为一个分类的名称（slug），不含“/”，不超过 200 字节";
	for (const char *ch = sq->cat; ch && *ch; ch++)
		if ((unsigned char)*ch < 0x20 || *ch == 0x7f)
			return "分类 cat 含有控制字符";
	const char *from = given(r, "from"), *to = given(r, "to");
	if (from && !day_of(from, sq->from))
		return "起始日期 from 应为 YYYY-MM-DD 格式的日期，如 2024-01-31";
	if (to && !day_of(to, sq->to))
		return "结束日期 to 应为 YYYY-MM-DD 格式的日期，如 2024-01-31";
	if (from && to && strcmp(sq->from, sq->to) > 0)
		return "起始日期 from 晚于结束日期 to";
	sq->page = request_page_of(request_param(r, "page", 0));
	if (!sq->page)
		return "页码 page 应为正整数，如 2";
	const char *before = given(r, "before");
	if (before && request_param(r, "page", 0))
		return "page 和 before 只能用其中一个";
	if (before) {
		sq->before = 1;
		if (!cursor_of(before, &sq->key))
			return "位置 before 应为“秒数.序号”，如 1700000000.0";
	}
	return NULL;
}

void request_conditions(struct request *r, const char *inm, const char *ims)
{
	free(r->if_none_match);
	r->if_none_match = inm && strlen(inm) <= REQUEST_TARGET_MAX ? xstrdup(inm) : NULL;
	r->if_modified_since = ims ? http_date_parse(ims) : -1;
}

/* Is the coding element s (up to its comma) "gzip" or "x-gzip", with no
 * q or a q above 0? */
static int gzip_element(const char *s)
{
	s += strspn(s, " \t");
	if (!strncasecmp(s, "x-", 2))
		s += 2;
	if (strncasecmp(s, "gzip", 4))
		return 0;
	s += 4;
	s += strspn(s, " \t");
	if (*s == '\0' || *s == ',')
		return 1;
	if (*s != ';')
		return 0;
	s++;
	s += strspn(s, " \t");
	if (tolower((unsigned char)*s) != 'q')
		return 1;   /* another parameter: no weight given */
	s++;
	s += strspn(s, " \t");
	if (*s++ != '=')
		return 0;
	s += strspn(s, " \t");
	return strtod(s, NULL) > 0;
}

void request_accept_encoding(struct request *r, const char *ae)
{
	r->gzip = 0;
	for (const char *s = ae; s && *s; s += strcspn(s, ",")) {
		s += *s == ',';
		if (gzip_element(s)) {
			r->gzip = 1;
			return;
		}
	}
}

/* A host name or address made only of chars, of a sane length. */
static int host_of(const char *h, const char *chars)
{
	size_t n = h ? strlen(h) : 0;
	return n > 0 && n <= 253 && strspn(h, chars) == n;
}

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"

void request_origin(struct request *r, const char *name, const char *addr,
		    const char *port, int https)
{
	free(r->origin);
	r->origin = NULL;
	struct buf b = {0};
	buf_adds(&b, https ? "https://" : "http://");
	if (host_of(name, NAME_CHARS))             /* not "_", "*.x", "~re" */
		buf_adds(&b, name);
	else if (host_of(addr, NAME_CHARS))        /* IPv4 */
		buf_adds(&b, addr);
	else if (host_of(addr, "0123456789abcdefABCDEF:.") && strchr(addr, ':'))
		buf_printf(&b, "[%s]", addr);       /* IPv6; not "unix:" */
	else {
		buf_free(&b);
		return;
	}
	if (host_of(port, "0123456789") && strlen(port) <= 5 &&
	    strcmp(port, https ? "443" : "80"))
		buf_printf(&b, ":%s", port);
	r->origin = buf_steal(&b);
}

int64_t http_date_parse(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end || *end)
		return -1;
	return (int64_t)timegm(&tm);
}

void http_date_format(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(buf, size, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		snprintf(buf, size, "Thu, 01 Jan 1970 00:00:00 GMT");
}

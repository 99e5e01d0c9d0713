/*
 * page.c - the layout every page shares, list items, and the response.
 * No HTML is written here: values go into ctemplate dictionaries and
 * the templates escape them.
 */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>
#include <zlib.h>

#include "date.h"
#include "log.h"

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 410: return "Gone";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

/* What every cacheable (public) answer adds to its Cache-Control: a
 * cache (nginx in front, a CDN) may serve a copy up to a minute past its
 * max-age while it fetches a fresh one, and up to a day past it while
 * every origin fails (RFC 5861).  Pages depend on the store's bytes
 * only, so an older copy is still a page the site served. */
#define CACHE_STALE ", stale-while-revalidate=60, stale-if-error=86400"

/* Cache-Control when the handler set none. */
static const char *cache_default(int status)
{
	return status == 200 || status == 304 || status == 404
		? "public, max-age=60" : "no-store";
}

/* One header line "name: value" (and more, when not NULL) into h. */
static void field(struct buf *h, const char *name, const char *value,
		  const char *more)
{
	buf_adds(h, name);
	buf_adds(h, ": ");
	buf_adds(h, value);
	if (more)
		buf_adds(h, more);
	buf_adds(h, "\r\n");
}

/* n in decimal, into a buffer of 24 bytes: where it starts. */
static const char *decimal(char *end24, size_t n)
{
	char *p = end24 + 23;
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while (n /= 10);
	return p;
}

/* The response head into h; gz: the body is gzipped.  Every answer
 * says it depends on Accept-Encoding, compressed or not.  Written without
 * printf: it is on every answer, /_floor's too. */
static void head(struct buf *h, struct ctx *c, int status, const char *type,
		 size_t len, const char *etag, int gz)
{
	char num[24];
	buf_adds(h, "Status: ");
	buf_adds(h, decimal(num, (size_t)status));
	buf_addc(h, ' ');
	buf_adds(h, reason(status));
	buf_adds(h, "\r\n");
	if (status != 304) {
		field(h, "Content-Type", type, NULL);
		field(h, "Content-Length", decimal(num, len), NULL);
	}
	if (gz && status != 304)
		buf_adds(h, "Content-Encoding: gzip\r\n");
	buf_adds(h, "Vary: Accept-Encoding\r\n");
	if (etag)
		field(h, "ETag", etag, NULL);
	if (etag && c->site.modified > 0) {
		char date[40];
		http_date_format(c->site.modified, date, sizeof date);
		field(h, "Last-Modified", date, NULL);
	}
	if (c->allow)
		field(h, "Allow", c->allow, NULL);
	if (c->location)
		field(h, "Location", c->location, NULL);
	const char *cc = c->cache_control ? c->cache_control
					  : cache_default(status);
	field(h, "Cache-Control", cc, strncmp(cc, "public", 6) ? NULL : CACHE_STALE);
	buf_adds(h, "X-Content-Type-Options: nosniff\r\n\r\n");
}

/* Does the If-None-Match list name etag (weakly compared)? */
static int etag_listed(const char *list, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *s = list; *s; ) {
		s += strspn(s, " \t,");
		if (!strncmp(s, "W/", 2))
			s += 2;
		if (*s == '*' || (!strncmp(s, etag, n) &&
				  (s[n] == '\0' || s[n] == ',' || s[n] == ' ')))
			return 1;
		s += strcspn(s, ",");
	}
	return 0;
}

/* The reader's copy is current: If-None-Match first, as RFC 9110 says. */
static int not_modified(const struct ctx *c, const char *etag)
{
	if (c->req.if_none_match)
		return etag_listed(c->req.if_none_match, etag);
	return c->req.if_modified_since >= 0 && c->site.modified > 0 &&
	       c->site.modified <= c->req.if_modified_since;
}

/* Bodies shorter than this go out as they are: gzip's frame (18 bytes)
 * would take back most of what it saves. */
#define GZIP_MIN 256

/* body as a gzip stream (level 1: on the home page 8% more bytes than
 * zlib's default 6, for a fifth more uncached pages a second; no name or
 * time in its header, so the same body gives the same bytes) into *gz,
 * malloc'd.
 * Returns its length, or 0 when zlib failed (the body then goes plain).
 * zlib's state (about 256 KB) is made once per worker and reset for each
 * page: made and freed for every page, it cost more than compressing. */
static size_t gzip_body(struct ctx *c, const char *body, size_t len,
			unsigned char **gz)
{
	z_stream *z = c->gzip;
	if (!z) {
		z = xmalloc(sizeof *z);
		memset(z, 0, sizeof *z);
		if (deflateInit2(z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK) {
			free(z);
			log_msg("finews: zlib failed to start: sending pages plain");
			return 0;
		}
		c->gzip = z;
	}
	size_t cap = deflateBound(z, len);
	*gz = xmalloc(cap);
	z->next_in = (Bytef *)body;
	z->avail_in = (uInt)len;
	z->next_out = *gz;
	z->avail_out = (uInt)cap;
	int rc = deflate(z, Z_FINISH);
	size_t n = z->total_out;
	deflateReset(z);
	if (rc == Z_STREAM_END)
		return n;
	free(*gz);
	*gz = NULL;
	log_msg("finews: gzip failed (%d): sending the page plain", rc);
	return 0;
}

void page_gzip_free(struct ctx *c)
{
	if (c->gzip) {
		deflateEnd(c->gzip);
		free(c->gzip);
		c->gzip = NULL;
	}
}

/* Send a response: the head, then the body as it is (libfcgi's buffer
 * takes both, so a small page still goes out in one write, and a large
 * one is not copied once more), gzipped when the client takes it.  A 200
 * gets an ETag from its bytes (so an import that changes nothing changes
 * no ETag; the gzipped one ends in -gz, another representation) and may
 * become a 304, without compressing anything. */
static void send(struct ctx *c, int status, const char *type, const char *body,
		 size_t len)
{
	int gz = c->req.gzip && len >= GZIP_MIN;
	char etag[28];
	snprintf(etag, sizeof etag, "\"%016llx%s\"",
		 (unsigned long long)XXH3_64bits(body, len), gz ? "-gz" : "");
	struct buf out = {0};
	unsigned char *packed = NULL;
	if (status == 200 && not_modified(c, etag)) {
		head(&out, c, 304, type, 0, etag, gz);
		len = 0;
	} else {
		if (gz) {
			size_t n = gzip_body(c, body, len, &packed);
			if (packed) {
				body = (const char *)packed;
				len = n;
			} else {
				gz = 0;
				etag[17] = '"';
				etag[18] = '\0';
			}
		}
		head(&out, c, status, type, len, status == 200 ? etag : NULL, gz);
		if (c->req.method == METHOD_HEAD)
			len = 0;
	}
	FCGX_PutStr(out.s, (int)out.len, c->out);
	if (len)
		FCGX_PutStr(body, (int)len, c->out);
	buf_free(&out);
	free(packed);
}

void page_plain(struct ctx *c, int status, const char *text)
{
	send(c, status, "text/plain; charset=utf-8", text, strlen(text));
}

/* ---- the layout --------------------------------------------------------- */

/* The zone names of China's time, 北京时间 (the tz database's). */
static int china_zone(const char *tz)
{
	static const char *const names[] = {
		"Asia/Shanghai", "PRC", "Asia/Chongqing", "Asia/Chungking",
		"Asia/Harbin",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(tz, names[i]))
			return 1;
	return 0;
}

/* One of the site's values from the store: kept in the context. */
static int site_value(const char *key, const char *value, void *arg)
{
	struct site *site = arg;
	char **field = !strcmp(key, "title") ? &site->title
		: !strcmp(key, "description") ? &site->description
		: !strcmp(key, "url") ? &site->config_url
		: !strcmp(key, "lang") ? &site->lang
		: !strcmp(key, "author") ? &site->author : NULL;
	if (!strcmp(key, "modified"))
		site->modified = strtoll(value, NULL, 10);
	if (!strcmp(key, "timezone"))
		site->beijing = china_zone(value);
	if (!field)
		return 0;
	size_t n = strlen(value);
	if (field == &site->config_url && n && value[n - 1] == '/')
		n--;
	free(*field);
	*field = n ? xstrndup(value, n) : NULL;
	return 0;
}

/* A menu category with a page of its own (page_category_url) is in the
 * navigation, NAV_MENU_MAX at most. */
static int menu_value(const struct category_row *cat, void *arg)
{
	struct site *site = arg;
	struct buf url = {0};
	if (site->nmenu == NAV_MENU_MAX || !page_category_url(&url, cat->slug)) {
		buf_free(&url);
		return 0;
	}
	struct nav_item *n = &site->menu[site->nmenu++];
	n->id = cat->id;
	n->slug = xstrdup(cat->slug);
	n->name = xstrdup(cat->name);
	n->url = buf_steal(&url);
	return 0;
}

static void nav_item_free(struct nav_item *n)
{
	free(n->slug);
	free(n->name);
	free(n->url);
	memset(n, 0, sizeof *n);
}

void page_site_free(struct site *site)
{
	free(site->title);
	free(site->description);
	free(site->lang);
	free(site->author);
	free(site->config_url);
	free(site->url);
	for (size_t i = 0; i < site->nmenu; i++)
		nav_item_free(&site->menu[i]);
	for (size_t i = 0; i < NAV_MENU_MAX + 2; i++)
		free(site->nav_html[i]);
	nav_item_free(&site->extra);
	free(site->extra_html);
	memset(site, 0, sizeof *site);
	site->version = -1;
	site->sources = -1;
}

/* Read the site's values and menu again if an import changed the store
 * since they were read. */
static int site_load(struct ctx *c)
{
	int64_t v = store_data_version(&c->store);
	if (v < 0)
		return -1;
	if (v == c->site.version && c->site.title)
		return 0;
	page_site_free(&c->site);
	c->site.beijing = 1;   /* finews-import's zone when _config.yml has none */
	if (store_site(&c->store, site_value, &c->site) < 0 ||
	    store_menu(&c->store, menu_value, &c->site) < 0) {
		page_site_free(&c->site);
		return -1;
	}
	if (!c->site.title)
		c->site.title = xstrdup("finews");
	if (!c->site.lang)
		c->site.lang = xstrdup("zh-CN");
	c->site.version = v;
	return 0;
}

int page_site(struct ctx *c, struct tmpl_dict *d)
{
	if (site_load(c) < 0)
		return -1;
	struct site *site = &c->site;
	free(site->url);   /* with no url in _config.yml: the request's origin */
	site->url = xstrdup(site->config_url ? site->config_url
			    : c->req.origin ? c->req.origin : "");
	tmpl_set(d, "SITE_TITLE", site->title);
	tmpl_set(d, "SITE_DESCRIPTION", site->description);
	tmpl_set(d, "SITE_URL", site->url);
	tmpl_set(d, "SITE_AUTHOR", site->author ? site->author : site->title);
	tmpl_set(d, "LANG", site->lang);
	return 0;
}

static void nav_add(struct tmpl_dict *d, const struct nav_item *n, int current)
{
	struct tmpl_dict *item = tmpl_add(d, "NAV");
	tmpl_set(item, "NAV_URL", n->url);
	tmpl_set(item, "NAV_NAME", n->name);
	if (current)
		tmpl_show(item, "NAV_CURRENT");
}

/* nav.tpl with the menu, menu[k - 1] marked (0: none, nmenu + 1: the
 * source index), and extra after it, marked, unless NULL. */
static char *render_nav(const struct site *site, size_t k,
			const struct nav_item *extra)
{
	struct tmpl_dict *d = tmpl_new("nav");
	for (size_t i = 0; i < site->nmenu; i++)
		nav_add(d, &site->menu[i], i + 1 == k);
	if (extra)
		nav_add(d, extra, 1);
	if (k == site->nmenu + 1)
		tmpl_show(d, "SOURCES_CURRENT");
	char *out = NULL;
	size_t len;
	if (tmpl_render("nav.tpl", d, &out, &len) < 0)
		out = NULL;
	tmpl_free(d);
	return out;
}

/* The navigation with item k current (render_nav), made once. */
static const char *nav_cached(struct site *site, size_t k)
{
	if (!site->nav_html[k])
		site->nav_html[k] = render_nav(site, k, NULL);
	return site->nav_html[k];
}

/* The navigation with the current category outside the menu: the last
 * one made is kept (the one being read is likely asked for again). */
static const char *nav_extra(struct site *site, const char *slug,
			     const char *name)
{
	struct nav_item *e = &site->extra;
	if (e->slug && !strcmp(e->slug, slug) && !strcmp(e->name, name))
		return site->extra_html;
	struct buf url = {0};
	if (!page_category_url(&url, slug)) {
		buf_free(&url);
		return nav_cached(site, 0);
	}
	nav_item_free(e);
	free(site->extra_html);
	e->slug = xstrdup(slug);
	e->name = xstrdup(name);
	e->url = buf_steal(&url);
	site->extra_html = render_nav(site, 0, e);
	if (!site->extra_html)
		nav_item_free(e);
	return site->extra_html;
}

/*
 * The navigation: 首页, the menu's categories, the current category when
 * it is not among them, and 全部来源 (the source index).  Rendered (and
 * escaped) by nav.tpl once per state of the store and current item, then
 * placed as it is; what is kept is bounded by the menu's length.
 * Building a dozen sections for every page was a sixth of an article's
 * cost (callgrind).
 */
static int add_nav(struct ctx *c, struct tmpl_dict *d)
{
	struct site *site = &c->site;
	size_t k = c->current_sources ? site->nmenu + 1 : 0;
	for (size_t i = 0; c->current && !k && i < site->nmenu; i++)
		if (!strcmp(c->current, site->menu[i].slug))
			k = i + 1;
	const char *html = c->current && !k && c->current_name
		? nav_extra(site, c->current, c->current_name)
		: nav_cached(site, k);
	if (!html) {
		log_msg("finews: rendering nav.tpl failed");
		return -1;
	}
	tmpl_set(d, "NAV_HTML", html);
	return 0;
}

/* The static files' URLs, with the first 10 hex digits of each file's
 * SHA-256 (the Makefile's -D for page.o): a changed file has a new URL,
 * so a browser that keeps the old one 30 days (immutable) never uses it
 * for a page that wants the new one. */
#ifndef STYLE_V
#error "STYLE_V, LIVE_V, SHARE_V and SOURCES_V come from the Makefile"
#endif
void page_static_urls(struct tmpl_dict *d)
{
	tmpl_set(d, "STATIC_URL", "/static");
	tmpl_set(d, "STYLE_URL", "/static/style.css?v=" STYLE_V);
	tmpl_set(d, "LIVE_JS_URL", "/static/live.js?v=" LIVE_V);
	tmpl_set(d, "SHARE_JS_URL", "/static/share.js?v=" SHARE_V);
	tmpl_set(d, "SOURCES_JS_URL", "/static/sources.js?v=" SOURCES_V);
}

struct tmpl_dict *page_new(struct ctx *c, const char *title,
			   const char *description, const char *body_tpl,
			   struct tmpl_dict **body)
{
	struct tmpl_dict *d = tmpl_new("layout");
	page_static_urls(d);
	if (!c->own_search_form)
		tmpl_show(d, "SEARCH_BOX");
	if (page_site(c, d) < 0 || add_nav(c, d) < 0) {
		tmpl_free(d);
		return NULL;
	}
	struct buf t = {0};
	if (title)
		buf_printf(&t, "%s - %s", title, c->site.title);
	else
		buf_adds(&t, c->site.title);
	tmpl_set(d, "PAGE_TITLE", t.s);
	tmpl_set(d, "DESCRIPTION", description ? description : c->site.description);
	tmpl_set(d, "OG_TITLE", title ? title : c->site.title);
	tmpl_set(d, "OG_TYPE", "website");
	char locale[16];
	snprintf(locale, sizeof locale, "%s", c->site.lang);
	for (char *l = locale; *l; l++)
		*l = *l == '-' ? '_' : *l;
	tmpl_set(d, "OG_LOCALE", locale);
	buf_free(&t);
	struct buf img = {0};   /* the link preview's picture (ui-article.c
				   sets the article's own) */
	buf_printf(&img, "%s/static/og-image.png", c->site.url ? c->site.url : "");
	tmpl_set(d, "OG_IMAGE", img.s);
	buf_free(&img);
	struct tmpl_dict *feed = tmpl_add(d, "FEED");   /* ui-feed.c */
	tmpl_set(feed, "FEED_URL", "/feed.xml");
	tmpl_set(feed, "FEED_TITLE", c->site.title);
	*body = tmpl_include(d, "BODY", body_tpl);
	page_static_urls(*body);   /* an include sees none of its parent's */
	return d;
}

void page_canonical(struct ctx *c, struct tmpl_dict *root, const char *path)
{
	struct buf url = {0};
	buf_adds(&url, c->site.url ? c->site.url : "");
	buf_adds(&url, path);
	tmpl_set(tmpl_add(root, "CANONICAL"), "CANONICAL_URL", url.s);
	buf_free(&url);
}

int page_send_template(struct ctx *c, int status, const char *file,
		       struct tmpl_dict *d, const char *type)
{
	char *out;
	size_t len;
	int rc = tmpl_render(file, d, &out, &len);
	tmpl_free(d);
	if (rc < 0) {
		log_msg("finews: rendering %s for %s failed", file, c->req.path);
		page_plain(c, 500, "Internal Server Error\n");
		return 0;
	}
	send(c, status, type, out, len);
	free(out);
	return 0;
}

int page_send(struct ctx *c, int status, struct tmpl_dict *root)
{
	return page_send_template(c, status, "layout.tpl", root,
				  "text/html; charset=utf-8");
}

/* An error page's title, in the reader's language. */
static const char *error_title(int status)
{
	switch (status) {
	case 400: return "请求无效";
	case 404: return "页面不存在";
	case 405: return "不支持的请求方法";
	case 410: return "内容已删除";
	case 503: return "服务暂时不可用";
	default: return "出错了";
	}
}

int page_error(struct ctx *c, int status, const char *message)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, error_title(status), message,
					  "error.tpl", &body);
	if (!root) {
		page_plain(c, 503, "Service Unavailable\n");
		return 0;
	}
	tmpl_set_int(body, "STATUS", status);
	tmpl_set(body, "MESSAGE", message);
	if (status == 404)
		tmpl_show(body, "SEARCH");
	return page_send(c, status, root);
}

int page_redirect(struct ctx *c, const char *location)
{
	c->location = location;
	page_plain(c, 301, "Moved Permanently\n");
	return 0;
}

/* ---- categories and tags ------------------------------------------------ */

static int take_named(const struct category_row *row, void *arg)
{
	struct named *n = arg;
	n->id = row->id;
	n->slug = xstrdup(row->slug);
	n->name = xstrdup(row->name);
	return 0;
}

static size_t next_segment(const char **s);

/* The first category (the newest) whose stored slug, cleaned, is path. */
struct cleaned {
	const char *path;
	char *slug;
};

static int take_cleaned(const struct category_row *cat, void *arg)
{
	struct cleaned *k = arg;
	if (!k->slug && page_path_is(cat->slug, k->path))
		k->slug = xstrdup(cat->slug);
	return 0;
}

/* The category whose URL cleans its stored slug to slug ("/evil.com" is
 * at /evil.com/). */
static int find_cleaned(struct ctx *c, const char *slug, struct named *n)
{
	struct cleaned k = {slug, NULL};
	if (!*slug || strchr(slug, '/') ||
	    store_categories_holding(&c->store, slug, take_cleaned, &k) < 0 ||
	    !k.slug)
		return 0;
	int rc = store_category(&c->store, k.slug, take_named, n);
	free(k.slug);
	return rc;
}

int page_category_shown(struct ctx *c, const char *slug)
{
	struct buf url = {0};
	int shown = page_category_url(&url, slug);
	buf_free(&url);
	if (!shown || page_path_is(slug, slug))
		return shown;
	const char *seg = slug;
	size_t len = next_segment(&seg);
	char *path = xstrndup(seg, len);
	struct named cat;
	int rc = page_find_category(c, path, &cat);
	free(path);
	if (rc <= 0)
		return rc;
	shown = !strcmp(cat.slug, slug);
	page_named_free(&cat);
	return shown;
}

int page_find_category(struct ctx *c, const char *slug, struct named *n)
{
	memset(n, 0, sizeof *n);
	int rc = store_category(&c->store, slug, take_named, n);
	if (rc == 0)
		rc = find_cleaned(c, slug, n);
	return rc < 0 ? -1 : rc > 0;
}

int page_find_tag(struct ctx *c, const char *name, struct named *n)
{
	memset(n, 0, sizeof *n);
	int rc = store_tag(&c->store, name, take_named, n);
	return rc < 0 ? -1 : rc > 0;
}

void page_named_free(struct named *n)
{
	free(n->slug);
	free(n->name);
	memset(n, 0, sizeof *n);
}

/* ---- posts in lists ----------------------------------------------------- */

long page_number(const struct request *r)
{
	return request_page_of(request_param(r, "page", 0));
}

/*
 * The segments of a stored category path that its URL keeps: never an
 * empty one, "." or ".." (Jekyll's URL#sanitize_url drops them too).  A
 * store may hold "/evil.com" or "a/../b", and a link made of those as
 * they are would leave the site ("//evil.com/") or point elsewhere.
 * next_segment() moves *s to the next kept segment and returns its
 * length, 0 at the end.
 */
static size_t next_segment(const char **s)
{
	for (;;) {
		const char *p = *s + strspn(*s, "/");
		size_t n = strcspn(p, "/");
		*s = p;
		if (n == 0 || n > 2 || memcmp(p, "..", n))
			return n;
		*s = p + n;
	}
}

/* Append s[0..n) percent-encoded. */
static void encode_n(struct buf *b, const char *s, size_t n)
{
	char *copy = xstrndup(s, n);
	url_encode(b, copy);
	free(copy);
}

/* Append path's kept segments percent-encoded, each after a '/'. */
static void add_segments(struct buf *b, const char *path)
{
	size_t n;
	for (const char *s = path; (n = next_segment(&s)); s += n) {
		buf_addc(b, '/');
		encode_n(b, s, n);
	}
}

int page_path_is(const char *stored, const char *path)
{
	size_t n, k = 0;
	for (const char *s = stored; (n = next_segment(&s)); s += n, k += n) {
		if (k && path[k++] != '/')
			return 0;
		if (strncmp(path + k, s, n))
			return 0;
	}
	return path[k] == '\0';
}

void page_post_url(struct buf *b, const struct post_row *p)
{
	add_segments(b, p->category_path);
	buf_addc(b, '/');
	buf_adds(b, p->day);
	buf_addc(b, '/');
	url_encode(b, p->slug);
	buf_adds(b, ".html");
}

int page_category_url(struct buf *b, const char *slug)
{
	const char *s = slug, *seg;
	size_t n = next_segment(&s);
	seg = s;
	if (n == 0 || (s += n, next_segment(&s)))
		return 0;   /* none, or several: /a/b/ is no category page */
	buf_addc(b, '/');
	encode_n(b, seg, n);
	buf_addc(b, '/');
	return 1;
}

int page_tag_url(struct buf *b, const char *name)
{
	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	buf_adds(b, "/tags/");
	url_encode(b, name);
	buf_addc(b, '/');
	return 1;
}

/*
 * Shown in the site's zone, whatever offset the date was written in, so
 * that a list reads in one time.  北京时间 names the offset only when it
 * is China's +08:00 (a store without zone_offset gives the written one,
 * which may be another).
 */
/* At most n bytes of s at out + at: the new end. */
static size_t put_upto(char *out, size_t at, const char *s, size_t n)
{
	n = strnlen(s, n);
	memcpy(out + at, s, n);
	return at + n;
}

/* "2021-12-08 20:30 " and zone (the text fits: 48 bytes). */
static void when_text(struct when *w, const char *iso, const char *zone,
		      size_t zone_len)
{
	size_t n = put_upto(w->text, 0, iso, 10);
	w->text[n++] = ' ';
	n = put_upto(w->text, n, iso + 11, 5);
	w->text[n++] = ' ';
	n = put_upto(w->text, n, zone, zone_len);
	w->text[n] = '\0';
}

void page_when(const struct ctx *c, const struct post_row *p, struct when *w)
{
	char iso[40];
	date_format_iso(p->published, p->zone_offset, iso, sizeof iso);
	if (p->date_only) {                   /* "2021-12-10" */
		snprintf(w->iso, sizeof w->iso, "%.10s", iso);
		snprintf(w->text, sizeof w->text, "%.10s", iso);
		return;
	}
	memcpy(w->iso, iso, sizeof w->iso);   /* "2021-12-08T20:30:00+08:00" */
	char utc[16] = "UTC";                 /* "UTC-05:00" */
	put_upto(utc, 3, iso + strlen(iso) - 6, 6);
	if (c->site.beijing && p->zone_offset == 8 * 60)
		when_text(w, iso, "北京时间", 12);
	else
		when_text(w, iso, utc, 9);
}

struct tmpl_dict *page_post_list(struct tmpl_dict *d)
{
	return tmpl_include(d, "POSTS", "post-list.tpl");
}

void page_post_item(const struct ctx *c, struct tmpl_dict *list,
		    const struct post_row *p, int with_category)
{
	struct tmpl_dict *item = tmpl_add(list, "POST");
	struct buf url = {0};
	struct when when;
	page_post_url(&url, p);
	page_when(c, p, &when);
	tmpl_set(item, "POST_URL", url.s);
	tmpl_set(item, "POST_TITLE", p->title);
	tmpl_set(item, "POST_DATE", when.text);
	tmpl_set(item, "POST_DATETIME", when.iso);
	tmpl_set(item, "POST_SUMMARY", p->summary);
	buf_free(&url);
	if (with_category && p->category_slug &&
	    page_category_url(&url, p->category_slug)) {
		struct tmpl_dict *cat = tmpl_add(item, "POST_CATEGORY");
		tmpl_set(cat, "POST_CATEGORY_URL", url.s);
		tmpl_set(cat, "POST_CATEGORY_NAME", p->category_name);
	}
	buf_free(&url);
}

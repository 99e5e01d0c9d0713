/*
 * ui-sitemap.c - "/sitemap.xml": every article, the home page, every
 * category and tag page, each with its <lastmod>; and "/robots.txt",
 * which points at it.  Past SITEMAP_URLS URLs, the sitemap protocol's
 * limit for one file, "/sitemap.xml" is a sitemap index of
 * "/sitemap-1.xml", "/sitemap-2.xml" ..., each at most SITEMAP_URLS.
 *
 * The URLs go in one order: the articles oldest first, then the home
 * page, the categories and the tags.  A new post so changes the last
 * file only, and crawlers need not fetch the older ones again.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

#define SITEMAP_URLS 50000

/* How many URLs of each kind: posts first, then the list pages. */
struct counts {
	long posts, categories, tags;
};

static long total(const struct counts *n)
{
	return n->posts + 1 + n->categories + n->tags;
}

/*
 * One sitemap file: the URLs numbered [from, to) go into d; with d NULL,
 * only the newest of their dates is kept (for the index's <lastmod>).
 */
struct part {
	struct ctx *c;
	struct tmpl_dict *d;
	long from, to;
	long at;          /* the number of the next list page */
	int dated;        /* newest and offset are set */
	int offset;
	int64_t newest;
};

static void add_url(struct part *pt, const char *path, int64_t t, int offset)
{
	if (!pt->dated || t > pt->newest) {
		pt->newest = t;
		pt->offset = offset;
		pt->dated = 1;
	}
	if (!pt->d)
		return;
	struct tmpl_dict *u = tmpl_add(pt->d, "URL");
	struct buf loc = {0};
	char iso[40];
	buf_adds(&loc, pt->c->site.url);
	buf_adds(&loc, path);
	date_format_iso(t, offset, iso, sizeof iso);
	tmpl_set(u, "LOC", loc.s);
	tmpl_set(u, "LASTMOD", iso);
	tmpl_show(u, "DATED");
	buf_free(&loc);
}

static int add_post(const struct post_row *p, void *arg)
{
	struct buf path = {0};
	page_post_url(&path, p);
	add_url(arg, path.s, p->published, p->zone_offset);
	buf_free(&path);
	return 0;
}

/* A list page, when its number is in the part. */
static int in_part(struct part *pt)
{
	long at = pt->at++;
	return at >= pt->from && at < pt->to;
}

static int add_home(const struct post_row *p, void *arg)
{
	if (in_part(arg))
		add_url(arg, "/", p->published, p->zone_offset);
	return 0;
}

/* A category's or tag's page, when it has one (page.h): the sitemap
 * lists only URLs that answer, once. */
static int add_category(const char *slug, int64_t t, int offset, void *arg)
{
	struct part *pt = arg;
	struct buf path = {0};
	int shown = in_part(pt) ? page_category_shown(pt->c, slug) : 0;
	if (shown > 0 && page_category_url(&path, slug))
		add_url(pt, path.s, t, offset);
	buf_free(&path);
	return shown < 0 ? -1 : 0;
}

static int add_tag(const char *name, int64_t t, int offset, void *arg)
{
	struct buf path = {0};
	if (in_part(arg) && page_tag_url(&path, name))
		add_url(arg, path.s, t, offset);
	buf_free(&path);
	return 0;
}

/* The posts of the part (oldest first: to know the newest date, the
 * last one is enough); -1: store failed. */
static int part_posts(struct part *pt, const struct counts *n)
{
	if (pt->from >= n->posts)
		return 0;
	long end = pt->to < n->posts ? pt->to : n->posts;
	long first = pt->d ? pt->from : end - 1;
	return store_sitemap_posts(&pt->c->store, end - first, first, add_post, pt);
}

/* Walk part number k (from 0) into a dictionary, or for its date
 * (d NULL); -1: store failed. */
static int walk(struct part *pt, const struct counts *n, long k)
{
	pt->from = k * SITEMAP_URLS;
	pt->to = pt->from + SITEMAP_URLS;
	pt->at = n->posts;
	struct store *s = &pt->c->store;
	if (part_posts(pt, n) < 0)
		return -1;
	if (pt->to <= n->posts)
		return 0;
	if (n->posts == 0) {          /* no post, no date: the home page alone */
		struct buf loc = {0};
		buf_printf(&loc, "%s/", pt->c->site.url);
		if (pt->d)
			tmpl_set(tmpl_add(pt->d, "URL"), "LOC", loc.s);
		buf_free(&loc);
		return 0;
	}
	if (store_newest(s, 1, add_home, pt) < 0 ||
	    store_sitemap_categories(s, add_category, pt) < 0 ||
	    store_sitemap_tags(s, add_tag, pt) < 0)
		return -1;
	return 0;
}

static int send_part(struct ctx *c, struct tmpl_dict *d, const struct counts *n,
		     long k)
{
	struct part pt = {.c = c, .d = d};
	if (walk(&pt, n, k) < 0) {
		tmpl_free(d);
		return -1;
	}
	return page_send_template(c, 200, "sitemap.tpl", d,
				  "application/xml; charset=utf-8");
}

/* The index: each part with the newest date of its URLs. */
static int send_index(struct ctx *c, struct tmpl_dict *d, const struct counts *n)
{
	long parts = (total(n) + SITEMAP_URLS - 1) / SITEMAP_URLS;
	for (long k = 0; k < parts; k++) {
		struct part pt = {.c = c};
		if (walk(&pt, n, k) < 0) {
			tmpl_free(d);
			return -1;
		}
		struct tmpl_dict *m = tmpl_add(d, "SITEMAP");
		struct buf loc = {0};
		char iso[40];
		buf_printf(&loc, "%s/sitemap-%ld.xml", c->site.url, k + 1);
		date_format_iso(pt.newest, pt.offset, iso, sizeof iso);
		tmpl_set(m, "LOC", loc.s);
		tmpl_set(m, "LASTMOD", iso);
		buf_free(&loc);
	}
	return page_send_template(c, 200, "sitemap-index.tpl", d,
				  "application/xml; charset=utf-8");
}

/* The site's values and the counts; -1: store failed. */
static struct tmpl_dict *start(struct ctx *c, struct counts *n)
{
	struct tmpl_dict *d = tmpl_new("sitemap");
	if (page_site(c, d) < 0 ||
	    store_sitemap_counts(&c->store, &n->posts, &n->categories, &n->tags) < 0) {
		tmpl_free(d);
		return NULL;
	}
	return d;
}

int ui_sitemap(struct ctx *c)
{
	struct counts n;
	struct tmpl_dict *d = start(c, &n);
	if (!d)
		return -1;
	if (total(&n) > SITEMAP_URLS)
		return send_index(c, d, &n);
	return send_part(c, d, &n, 0);
}

/* "/sitemap-<k>.xml" (the router checked its shape): only in an index. */
int ui_sitemap_part(struct ctx *c)
{
	long k = strtol(c->req.path + strlen("/sitemap-"), NULL, 10);
	struct counts n;
	struct tmpl_dict *d = start(c, &n);
	if (!d)
		return -1;
	long parts = (total(&n) + SITEMAP_URLS - 1) / SITEMAP_URLS;
	if (parts < 2 || k > parts) {
		tmpl_free(d);
		return page_error(c, 404, "没有这个站点地图");
	}
	return send_part(c, d, &n, k - 1);
}

int ui_robots(struct ctx *c)
{
	struct tmpl_dict *d = tmpl_new("robots");
	if (page_site(c, d) < 0) {
		tmpl_free(d);
		return -1;
	}
	struct buf url = {0};
	buf_printf(&url, "%s/sitemap.xml", c->site.url);
	tmpl_set(d, "SITEMAP_URL", url.s);
	buf_free(&url);
	return page_send_template(c, 200, "robots.tpl", d,
				  "text/plain; charset=utf-8");
}

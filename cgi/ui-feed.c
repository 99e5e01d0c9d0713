/*
 * ui-feed.c - Atom 1.0 feeds of the newest posts, each entry with the
 * whole article (up to FEED_CONTENT_MAX): the site's at "/feed.xml" (where jekyll-feed had it, so
 * subscriptions keep working), a category's at "/<category>/feed.xml",
 * a tag's at "/tags/<tag>/feed.xml".  templates/feed.tpl writes the XML;
 * its xml-stylesheet line names static/feed.xsl, which makes a browser
 * show it as a page.  Also the pages' visible subscribe link.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Enough for a reader who polls every hour or two, or is away for three:
 * the real wire's busiest hour had 33 posts (README, Feeds). */
#define FEED_ENTRIES 100
/* An entry carries its article's HTML up to this size (a wire post is
 * well under 1 KB); a larger one has its summary and link only (Atom's
 * entry needs no content when it links its page), so 100 entries stay
 * under about 600 KB: 20 posts of 8 MB once made a feed of 1.3 GB. */
#define FEED_CONTENT_MAX 4096
/* Served as XML rather than application/atom+xml, which Chromium shows
 * as plain text without applying the stylesheet; readers read either. */
#define FEED_TYPE "application/xml; charset=utf-8"

/* What one feed lists. */
struct feed {
	const char *kind, *name;  /* the category's or tag's; NULL: the site */
	const char *page;         /* its HTML page: "/emnews/" */
	int64_t id;
	int (*posts)(struct store *s, int64_t id, int limit, post_fn fn, void *arg);
};

/* Filling the feed's dictionary, one entry at a time. */
struct fill {
	struct ctx *c;
	struct tmpl_dict *d;
	int n;
};

void feed_title(struct ctx *c, const char *kind, const char *name, struct buf *b)
{
	if (kind)
		buf_printf(b, "%s：", kind);
	if (name)
		buf_printf(b, "%s - ", name);
	buf_adds(b, c->site.title);
}

static void absolute(struct ctx *c, struct buf *b, const char *path)
{
	buf_adds(b, c->site.url);
	buf_adds(b, path);
}

static int add_tag(const char *name, const char *unused, void *arg)
{
	(void)unused;
	tmpl_set(tmpl_add(arg, "CATEGORY"), "TERM", name);
	return 0;
}

static int add_entry(const struct post_row *p, void *arg)
{
	struct fill *f = arg;
	struct tmpl_dict *e = tmpl_add(f->d, "ENTRY");
	char iso[40];
	date_format_iso(p->published, p->zone_offset, iso, sizeof iso);
	if (f->n++ == 0)
		tmpl_set(f->d, "FEED_UPDATED", iso);   /* the newest entry's */
	struct buf path = {0}, url = {0};
	page_post_url(&path, p);
	absolute(f->c, &url, path.s);
	tmpl_set(e, "ENTRY_URL", url.s);
	tmpl_set(e, "ENTRY_TITLE", p->title);
	tmpl_set(e, "ENTRY_DATE", iso);
	tmpl_set(e, "ENTRY_SUMMARY", p->summary);
	if (p->body_html && strnlen(p->body_html, FEED_CONTENT_MAX + 1) <= FEED_CONTENT_MAX)
		tmpl_set(tmpl_add(e, "CONTENT"), "ENTRY_CONTENT", p->body_html);
	buf_free(&path);
	buf_free(&url);
	if (p->category_slug) {
		struct tmpl_dict *cat = tmpl_add(e, "CATEGORY");
		tmpl_set(cat, "TERM", p->category_slug);
		tmpl_set(tmpl_add(cat, "LABEL"), "LABEL_TEXT", p->category_name);
	}
	return store_post_tags(&f->c->store, p->id, add_tag, e) < 0 ? -1 : 0;
}

/* The feed-level values: title, its own URL, its page's. */
static void set_head(struct ctx *c, struct tmpl_dict *d, const struct feed *f)
{
	struct buf b = {0};
	feed_title(c, f->kind, f->name, &b);
	tmpl_set(d, "FEED_TITLE", b.s);
	buf_free(&b);
	absolute(c, &b, f->page);
	tmpl_set(d, "FEED_PAGE", b.s);
	buf_adds(&b, "feed.xml");
	tmpl_set(d, "FEED_URL", b.s);
	buf_free(&b);
	if (c->site.description)
		tmpl_show(d, "SUBTITLE");
	tmpl_set(d, "VERSION", FINEWS_VERSION);
}

static int feed_send(struct ctx *c, const struct feed *f)
{
	struct tmpl_dict *d = tmpl_new("feed");
	if (page_site(c, d) < 0) {
		tmpl_free(d);
		return -1;
	}
	set_head(c, d, f);
	struct fill fill = {c, d, 0};
	if (f->posts(&c->store, f->id, FEED_ENTRIES, add_entry, &fill) < 0) {
		tmpl_free(d);
		return -1;
	}
	if (fill.n == 0) {            /* Atom needs <updated>: the epoch */
		char iso[40];
		date_format_iso(0, 0, iso, sizeof iso);
		tmpl_set(d, "FEED_UPDATED", iso);
	}
	return page_send_template(c, 200, "feed.tpl", d, FEED_TYPE);
}

void feed_subscribe(struct tmpl_dict *root, const char *title, const char *url)
{
	struct tmpl_dict *s = tmpl_add(root, "SUBSCRIBE");
	tmpl_set(s, "SUBSCRIBE_URL", url);
	tmpl_set(s, "SUBSCRIBE_TITLE", title);
}

static int newest(struct store *s, int64_t unused, int limit, post_fn fn, void *arg)
{
	(void)unused;
	return store_feed_newest(s, limit, fn, arg);
}

int ui_feed_site(struct ctx *c)
{
	struct feed f = {NULL, NULL, "/", 0, newest};
	return feed_send(c, &f);
}

int ui_feed_category(struct ctx *c)
{
	struct named found;
	int n = page_find_category(c, c->route.categories, &found);
	if (n <= 0)
		return n < 0 ? -1 : page_error(c, 404, "没有这个栏目");
	struct buf page = {0};
	page_category_url(&page, found.slug);
	struct feed f = {NULL, found.name, page.s, found.id, store_feed_in_category};
	int rc = feed_send(c, &f);
	buf_free(&page);
	page_named_free(&found);
	return rc;
}

int ui_feed_tag(struct ctx *c)
{
	struct named found;
	int n = page_find_tag(c, c->route.tag, &found);
	if (n <= 0)
		return n < 0 ? -1 : page_error(c, 404, "没有这个标签");
	struct buf page = {0};
	page_tag_url(&page, found.name);
	struct feed f = {"标签", found.name, page.s, found.id, store_feed_with_tag};
	int rc = feed_send(c, &f);
	buf_free(&page);
	page_named_free(&found);
	return rc;
}

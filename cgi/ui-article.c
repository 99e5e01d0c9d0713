/*
 * ui-article.c - an article, at its Jekyll permalink
 * "/<categories>/<yyyy>/<mm>/<dd>/<slug>.html" ("/<yyyy>/<mm>/<dd>/<slug>.html"
 * without categories): title, date in the site's zone, category, tags,
 * source, share link, body, and the previous and next article of its
 * category.  ui-share.c shows the same page.
 *
 * The old site's other addresses of an article get a 301 to it: the same
 * URL with another day (the post with that slug and categories nearest
 * that day), one without categories or "/old_post/<yyyy-mm-dd>-<slug>.html"
 * (the post with that slug nearest that day, in any category), and any
 * of them without ".html", as GitHub Pages served them.  A post taken
 * down answers 410 at all of them (ui-gone.c).
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

/* The TAGS section, made when the first tag comes; and the tags in the
 * page's <head> (Open Graph's article:tag). */
struct tags {
	struct tmpl_dict *body, *tags, *meta;
	const char *category;   /* its name: a tag so named is not shown */
};

static int add_tag(const char *name, const char *unused, void *arg)
{
	(void)unused;
	struct tags *t = arg;
	tmpl_set(tmpl_add(t->meta, "ARTICLE_TAG"), "TAG", name);
	if (t->category && !strcmp(name, t->category))
		return 0;   /* the breadcrumb shows it already */
	if (!t->tags)
		t->tags = tmpl_add(t->body, "TAGS");
	struct tmpl_dict *tag = tmpl_add(t->tags, "TAG");
	struct buf url = {0};
	tmpl_set(tag, "TAG_NAME", name);
	if (page_tag_url(&url, name))
		tmpl_set(tmpl_add(tag, "TAG_LINK"), "TAG_URL", url.s);
	else
		tmpl_show(tag, "TAG_TEXT");   /* a name no URL can carry */
	buf_free(&url);
	return 0;
}

struct neighbour {
	struct tmpl_dict *body;
	int older;
};

static int add_neighbour(const struct post_row *p, void *arg)
{
	const struct neighbour *n = arg;
	int older = n->older;
	struct buf url = {0};
	page_post_url(&url, p);
	struct tmpl_dict *d = tmpl_add(n->body, older ? "PREV_POST" : "NEXT_POST");
	tmpl_set(d, older ? "PREV_URL" : "NEXT_URL", url.s);
	tmpl_set(d, older ? "PREV_TITLE" : "NEXT_TITLE", p->title);
	buf_free(&url);
	return 0;
}

/* The source: named in the byline unless that is the category's name
 * (the breadcrumb shows it), linked at the foot and, in print, its URL. */
static void set_source(struct tmpl_dict *body, const struct post_row *p)
{
	if (!p->source_name && !p->source_url)
		return;
	struct tmpl_dict *src = tmpl_add(body, "SOURCE");
	tmpl_set(src, "SOURCE_NAME", p->source_name ? p->source_name : "原文");
	if (p->source_name && !(p->category_name &&
				!strcmp(p->source_name, p->category_name)))
		tmpl_show(src, "BYLINE_SOURCE");
	if (p->source_url)
		tmpl_set(tmpl_add(src, "SOURCE_LINK"), "SOURCE_URL", p->source_url);
}

/* The link preview's picture: the article's first, made absolute. */
static void set_image(struct tmpl_dict *root, const struct post_row *p)
{
	char *src = sanitize_first_image(p->body_html);
	if (!src)
		return;
	struct buf url = {0};
	if (!strncmp(src, "//", 2))
		buf_adds(&url, "https:");
	buf_adds(&url, src);
	tmpl_set(root, "OG_IMAGE", url.s);
	buf_free(&url);
	free(src);
}

static void set_share(struct tmpl_dict *body, const struct post_row *p)
{
	if (!p->info_code)
		return;
	struct buf url = {0};
	buf_adds(&url, "/html_News/NewsShare.html?infoCode=");
	url_encode(&url, p->info_code);
	tmpl_set(tmpl_add(body, "SHARE"), "SHARE_URL", url.s);
	buf_free(&url);
}

/* Fill the article's own values; -1 when the store failed. */
static int fill(struct ctx *c, struct tmpl_dict *root, struct tmpl_dict *body,
		const struct post_row *p)
{
	struct when when;
	page_when(c, p, &when);
	tmpl_set(root, "OG_TYPE", "article");
	struct tmpl_dict *meta = tmpl_add(root, "ARTICLE_META");
	tmpl_set(meta, "PUBLISHED_TIME", when.iso);
	tmpl_set(meta, "SECTION", p->category_name);
	tmpl_set(body, "TITLE", p->title);
	tmpl_set(body, "DATE", when.text);
	tmpl_set(body, "DATETIME", when.iso);
	tmpl_set_ref(body, "BODY_HTML", p->body_html);   /* not copied: rendered
							    while the row is held */
	struct buf url = {0};
	if (p->category_slug && page_category_url(&url, p->category_slug)) {
		tmpl_show(body, "CATEGORY");
		tmpl_set(body, "CATEGORY_URL", url.s);
		tmpl_set(body, "CATEGORY_NAME", p->category_name);
	}
	buf_free(&url);
	set_source(body, p);
	set_share(body, p);
	set_image(root, p);
	struct tags tags = {body, NULL, meta, p->category_slug ? p->category_name : NULL};
	if (store_post_tags(&c->store, p->id, add_tag, &tags) < 0)
		return -1;
	struct neighbour older = {body, 1}, newer = {body, 0};
	if (store_neighbour(&c->store, p->category_id, p, 1, add_neighbour, &older) < 0 ||
	    store_neighbour(&c->store, p->category_id, p, 0, add_neighbour, &newer) < 0)
		return -1;
	return 0;
}

int ui_article_send(struct ctx *c, const struct post_row *p)
{
	struct tmpl_dict *body;
	c->current = p->category_slug;
	c->current_name = p->category_name;
	struct tmpl_dict *root = page_new(c, p->title, p->summary, "article.tpl", &body);
	c->current = c->current_name = NULL;
	if (!root)
		return -1;
	if (fill(c, root, body, p) < 0) {
		tmpl_free(root);
		return -1;
	}
	struct buf url = {0}, abs = {0};
	page_post_url(&url, p);
	page_canonical(c, root, url.s);
	buf_printf(&abs, "%s%s", c->site.url ? c->site.url : "", url.s);
	tmpl_set(body, "ARTICLE_URL", abs.s);   /* printed at the foot */
	buf_free(&url);
	buf_free(&abs);
	c->cache_control = "public, max-age=604800";   /* articles rarely change: a week */
	return page_send(c, 200, root);
}

static int send_article(const struct post_row *p, void *arg)
{
	return ui_article_send(arg, p);
}

static int take_url(const struct post_row *p, void *arg)
{
	page_post_url(arg, p);
	return 0;
}

/* The old URL's categories: the post must have the same; any when the
 * URL has none. */
static const char *same_categories(const struct ctx *c)
{
	return *c->route.categories ? c->route.categories : NULL;
}

/* 410 when a taken-down post is what the old URL meant (its exact URL
 * when exact, else its slug nearest its day): 1 sent, 0 not, -1. */
static int gone(struct ctx *c, int exact, const char *categories)
{
	int n = exact ? ui_gone_at(c) : 0;
	return n == 0 ? ui_gone_near(c, categories) : n;
}

/*
 * 301 to the post the route means (its exact URL when exact, else the
 * post with the route's slug nearest the route's day, with categories
 * when not NULL); 410 when that post was taken down; 404 when there is
 * none.
 */
static int moved(struct ctx *c, int exact, const char *categories)
{
	struct buf url = {0};
	int n = exact ? store_article_by_url(&c->store, c->route.categories,
					     c->route.day, c->route.slug,
					     take_url, &url) : 0;
	int sent = n == 0 ? gone(c, exact, categories) : 0;
	if (n == 0 && sent == 0)
		n = store_article_by_slug(&c->store, c->route.slug, categories,
					  c->route.day, take_url, &url);
	int rc = n < 0 || sent < 0 ? -1 : sent ? 0
		: n == 0 ? page_error(c, 404, "找不到这篇文章")
		: page_redirect(c, url.s);
	buf_free(&url);
	return rc;
}

/* Looking for the stored category path that a URL's categories clean. */
struct cleaned {
	const char *want;   /* the route's categories: "evil.com" */
	char *found;        /* the first stored path that is so: "/evil.com" */
};

static int take_cleaned(const char *path, const char *unused, void *arg)
{
	(void)unused;
	struct cleaned *f = arg;
	if (!f->found && page_path_is(path, f->want))
		f->found = xstrdup(path);
	return 0;
}

/* The article at the route's URL as page_post_url() makes it from a
 * stored category path it cleans ("/evil.com" is linked, and so answers,
 * as /evil.com/…): 1 when sent, 0 when none, -1 when the store failed. */
static int article_cleaned(struct ctx *c)
{
	struct cleaned f = {c->route.categories, NULL};
	int n = store_article_paths(&c->store, c->route.day, c->route.slug,
				    take_cleaned, &f);
	if (n > 0)
		n = f.found ? store_article_by_url(&c->store, f.found, c->route.day,
						   c->route.slug, send_article, c)
			    : 0;
	free(f.found);
	return n;
}

int ui_article(struct ctx *c)
{
	int n = store_article_by_url(&c->store, c->route.categories, c->route.day,
				     c->route.slug, send_article, c);
	if (n == 0)
		n = article_cleaned(c);
	if (n == 0)   /* a permalink no more (finews-import --remove) */
		n = ui_gone_at(c);
	if (n == 0)   /* the slow path, only for a URL that is not a permalink */
		return moved(c, 0, same_categories(c));
	return n < 0 ? -1 : 0;
}

int ui_article_bare(struct ctx *c)
{
	return moved(c, 1, same_categories(c));
}

int ui_old_post(struct ctx *c)
{
	return moved(c, 0, NULL);
}

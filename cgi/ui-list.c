/*
 * ui-list.c - one page of a list of posts, newest first, POSTS_PER_PAGE
 * to a page with links to newer and older pages: what a category page
 * (ui-category.c), a tag page (ui-tag.c) and the stream of every post
 * (ui-stream.c) share.
 *
 * Pages are numbered from the oldest post, so that a page keeps its
 * posts whatever is imported after it: ?page=N holds the posts ranked
 * (N-1)*50 to N*50-1, rank 0 the oldest (sql/schema.sql), shown newest
 * first.  A complete page never changes (but for a takedown or a post
 * imported with an older date, which rank the list again) and is sent
 * with a long cache lifetime.  The list's own URL, without ?page=, shows
 * the 50 newest, as the old site's first page did; its older link leads
 * to the highest complete page holding older posts, and on down to page
 * 1.  The numbered page after that one (the newest posts, incomplete, or
 * the same 50 as the list's URL) answers too, with that URL as its
 * canonical one; a page past it is a 404.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_CACHE_LONG "public, max-age=86400"   /* a complete page */

/* A page's posts go into d (its include POSTS). */
struct posts {
	struct ctx *c;
	struct tmpl_dict *d;
};

static int add_post(const struct post_row *p, void *arg)
{
	const struct posts *to = arg;
	page_post_item(to->c, to->d, p, 0);
	return 0;
}

/* Where a page is: page 0 is the list's own URL (the newest posts). */
struct place {
	long total;      /* posts in the list */
	long page;       /* 0, or the page's number from the oldest */
	long chained;    /* the highest page reached from page 0: older ones */
	long first;      /* ranks [first, end) are shown */
	long end;
};

static long min_l(long a, long b)
{
	return a < b ? a : b;
}

/* The place of ?page= value v (NULL: page 0); 0 when there is no such page. */
static int place_of(const char *v, long total, struct place *at)
{
	memset(at, 0, sizeof *at);
	at->total = total;
	at->chained = total > POSTS_PER_PAGE ? (total - 1) / POSTS_PER_PAGE : 0;
	if (!v) {
		at->end = total;
		at->first = total > POSTS_PER_PAGE ? total - POSTS_PER_PAGE : 0;
		return 1;
	}
	long page = request_page_of(v);
	long pages = total ? (total + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE : 1;
	if (page < 1 || page > pages)
		return 0;
	at->page = page;
	at->first = (page - 1) * POSTS_PER_PAGE;
	at->end = min_l(page * POSTS_PER_PAGE, total);
	return 1;
}

/* The URL of page (0: the list's own). */
static void page_url(struct buf *url, const char *base, long page)
{
	buf_adds(url, base);
	if (page)
		buf_printf(url, "?page=%ld", page);
}

static void page_link(struct tmpl_dict *d, const char *section, const char *var,
		      const char *base, long page)
{
	struct buf url = {0};
	page_url(&url, base, page);
	tmpl_set(tmpl_add(d, section), var, url.s);
	buf_free(&url);
}

/* The newer page of at (-1: none) and the older (-1: none). */
static long newer_of(const struct place *at)
{
	if (!at->page || at->page > at->chained)
		return -1;
	return at->page < at->chained ? at->page + 1 : 0;
}

static long older_of(const struct place *at)
{
	if (!at->page)
		return at->chained ? at->chained : -1;
	return at->page > 1 ? at->page - 1 : -1;
}

static void set_pager(struct tmpl_dict *body, const struct list *l,
		      const struct place *at, const char *pos)
{
	long newer = newer_of(at), older = older_of(at);
	if (newer < 0 && older < 0)
		return;
	struct tmpl_dict *pager = tmpl_add(body, "PAGER");
	tmpl_set(pager, "PAGE_POS", pos);
	if (newer >= 0)
		page_link(pager, "PREV", "PREV_URL", l->url, newer);
	if (older >= 0)
		page_link(pager, "NEXT", "NEXT_URL", l->url, older);
}

/* The page's title: which posts it holds. */
static void title_of(struct buf *title, const struct list *l, const struct place *at)
{
	if (l->kind)
		buf_printf(title, "%s：", l->kind);
	buf_adds(title, l->name);
	if (at->page)
		buf_printf(title, "（第 %ld–%ld 篇）", at->first + 1, at->end);
}

static void set_meta(struct tmpl_dict *body, const struct place *at,
		     struct buf *pos)
{
	struct buf meta = {0};
	if (at->page) {
		buf_printf(&meta, "第 %ld 页 · 第 %ld–%ld 篇，从最早的一篇数起",
			   at->page, at->first + 1, at->end);
		buf_printf(pos, "第 %ld 页", at->page);
	} else {
		buf_printf(&meta, "共 %ld 篇 · 最新 %ld 篇", at->total,
			   at->end - at->first);
		buf_adds(pos, "最新");
	}
	tmpl_set(body, "PAGE_META", meta.s);
	buf_free(&meta);
}

static void set_feed(struct ctx *c, struct tmpl_dict *root, const struct list *l)
{
	if (!l->feed)
		return;
	struct tmpl_dict *feed = tmpl_add(root, "FEED");
	struct buf feed_name = {0};
	feed_title(c, l->kind, l->name, &feed_name);
	tmpl_set(feed, "FEED_TITLE", feed_name.s);
	tmpl_set(feed, "FEED_URL", l->feed);
	feed_subscribe(root, feed_name.s, l->feed);
	buf_free(&feed_name);
}

/* The numbered page that grows (the newest posts) points at the list's
 * own URL; every other page at itself. */
static void set_canonical(struct ctx *c, struct tmpl_dict *root,
			  const struct list *l, const struct place *at)
{
	struct buf url = {0};
	page_url(&url, l->url, at->page > at->chained ? 0 : at->page);
	page_canonical(c, root, url.s);
	buf_free(&url);
}

int ui_list_send(struct ctx *c, const struct list *l)
{
	long total = l->count(&c->store, l->id);
	if (total < 0)
		return -1;
	struct place at;
	if (!place_of(request_param(&c->req, "page", 0), total, &at))
		return page_error(c, 404, "没有这一页");
	struct buf title = {0}, pos = {0};
	title_of(&title, l, &at);
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, title.s, title.s, "list.tpl", &body);
	buf_free(&title);
	if (!root)
		return -1;
	tmpl_set(body, "LIST_NAME", l->name);
	tmpl_set(body, "LIST_URL", l->url);
	if (l->kind)
		tmpl_set(tmpl_add(body, "LIST_KIND"), "KIND", l->kind);
	if (!total)
		tmpl_show(body, "EMPTY");
	set_meta(body, &at, &pos);
	set_canonical(c, root, l, &at);
	set_feed(c, root, l);
	set_pager(body, l, &at, pos.s);
	buf_free(&pos);
	struct posts to = {c, page_post_list(body)};
	if (at.end > at.first &&
	    l->posts(&c->store, l->id, (int)(at.end - at.first), total - at.end,
		     add_post, &to) < 0) {
		tmpl_free(root);
		return -1;
	}
	if (at.page && at.page <= at.chained)
		c->cache_control = PAGE_CACHE_LONG;
	return page_send(c, 200, root);
}

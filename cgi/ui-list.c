/*
 * ui-list.c - one page of a list of posts, newest first, POSTS_PER_PAGE
 * to a page with previous and next links: what a category page
 * (ui-category.c) and a tag page (ui-tag.c) share.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

/* A page's posts go into d. */
struct posts {
	struct ctx *c;
	struct tmpl_dict *d;
};

static int add_post(const struct post_row *p, void *arg)
{
	const struct posts *to = arg;
	page_post_item(to->c, to->d, "POST", p, 0);
	return 0;
}

static void page_link(struct tmpl_dict *d, const char *section, const char *var,
		      const char *base, long page)
{
	struct buf url = {0};
	buf_adds(&url, base);
	if (page > 1)
		buf_printf(&url, "?page=%ld", page);
	tmpl_set(tmpl_add(d, section), var, url.s);
	buf_free(&url);
}

int ui_list_send(struct ctx *c, const struct list *l)
{
	long total = l->count(&c->store, l->id);
	if (total < 0)
		return -1;
	long page = page_number(&c->req);
	long pages = total ? (total + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE : 1;
	if (page < 1 || page > pages)
		return page_error(c, 404, "没有这一页");
	struct buf title = {0};
	if (l->kind)
		buf_printf(&title, "%s：", l->kind);
	buf_adds(&title, l->name);
	if (page > 1)
		buf_printf(&title, "（第 %ld 页）", page);
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, title.s, title.s, "list.tpl", &body);
	buf_free(&title);
	if (!root)
		return -1;
	tmpl_set(body, "LIST_NAME", l->name);
	tmpl_set(body, "LIST_URL", l->url);
	if (l->kind)
		tmpl_set(tmpl_add(body, "LIST_KIND"), "KIND", l->kind);
	tmpl_set_int(body, "PAGE", page);
	tmpl_set_int(body, "PAGES", pages);
	tmpl_set_int(body, "TOTAL", total);
	if (!total)
		tmpl_show(body, "EMPTY");
	struct buf url = {0};
	buf_adds(&url, l->url);
	if (page > 1)
		buf_printf(&url, "?page=%ld", page);
	page_canonical(c, root, url.s);
	buf_free(&url);
	if (l->feed) {
		struct tmpl_dict *feed = tmpl_add(root, "FEED");
		struct buf feed_name = {0};
		feed_title(c, l->kind, l->name, &feed_name);
		tmpl_set(feed, "FEED_TITLE", feed_name.s);
		tmpl_set(feed, "FEED_URL", l->feed);
		feed_subscribe(root, feed_name.s, l->feed);
		buf_free(&feed_name);
	}
	if (pages > 1) {
		struct tmpl_dict *pager = tmpl_add(body, "PAGER");
		if (page > 1)
			page_link(pager, "PREV", "PREV_URL", l->url, page - 1);
		if (page < pages)
			page_link(pager, "NEXT", "NEXT_URL", l->url, page + 1);
	}
	struct posts to = {c, body};
	if (l->posts(&c->store, l->id, POSTS_PER_PAGE, (page - 1) * POSTS_PER_PAGE,
		     add_post, &to) < 0) {
		tmpl_free(root);
		return -1;
	}
	return page_send(c, 200, root);
}

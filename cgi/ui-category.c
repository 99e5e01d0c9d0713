/*
 * ui-category.c - a category's posts, "/<category>/?page=N" (a list, see
 * ui-list.c); and the old Jekyll theme's "/category/<category>.html",
 * which moved there.
 */
#include "cmd.h"

int ui_category(struct ctx *c)
{
	struct named cat;
	int n = page_find_category(c, c->route.categories, &cat);
	if (n <= 0)
		return n < 0 ? -1 : page_error(c, 404, "没有这个栏目");
	struct buf url = {0}, feed = {0};
	page_category_url(&url, cat.slug);
	buf_printf(&feed, "%sfeed.xml", url.s);
	struct list l = {cat.name, url.s, NULL, cat.id,
			 store_category_count, store_in_category, feed.s};
	c->current = cat.slug;
	int rc = ui_list_send(c, &l);
	c->current = NULL;
	buf_free(&url);
	buf_free(&feed);
	page_named_free(&cat);
	return rc;
}

int ui_old_category(struct ctx *c)
{
	struct named cat;
	int n = page_find_category(c, c->route.categories, &cat);
	if (n <= 0)
		return n < 0 ? -1 : page_error(c, 404, "没有这个栏目");
	struct buf url = {0};
	page_category_url(&url, cat.slug);
	int rc = page_redirect(c, url.s);
	buf_free(&url);
	page_named_free(&cat);
	return rc;
}

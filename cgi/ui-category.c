/*
 * ui-category.c - a category's posts, "/<category>/?page=N" (a list, see
 * ui-list.c); and the addresses that moved there with a 301: the old
 * Jekyll theme's "/category/<category>.html" and GitHub Pages' forms
 * "/<category>" and "/<category>/index.html".
 *
 * An old category page's name is matched without regard to ASCII case
 * (categories are stored lower-cased, as Jekyll's URLs have them); a name
 * of several words ("21shijijingjibaodao 21caijingAPP", a page for a post
 * in several categories) leads to the first word that is a category.
 */
#include "cmd.h"

#include <ctype.h>
#include <string.h>

#define OLD_NAME_WORDS 16   /* words of an old category name tried, at most */

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
	c->current_name = cat.name;
	int rc = ui_list_send(c, &l);
	c->current = c->current_name = NULL;
	buf_free(&url);
	buf_free(&feed);
	page_named_free(&cat);
	return rc;
}

/* 301 to the category slug names, when there is one: 1; 0 when there is
 * none; -1 when the store failed. */
static int redirect_to(struct ctx *c, const char *slug)
{
	struct named cat;
	int n = page_find_category(c, slug, &cat);
	if (n <= 0)
		return n;
	struct buf url = {0};
	n = page_category_url(&url, cat.slug);   /* "." has no page */
	if (n)
		page_redirect(c, url.s);
	buf_free(&url);
	page_named_free(&cat);
	return n;
}

int ui_category_moved(struct ctx *c)
{
	int n = redirect_to(c, c->route.categories);
	return n < 0 ? -1 : n ? 0 : page_error(c, 404, "没有这个栏目");
}

int ui_old_category(struct ctx *c)
{
	char *name = c->route.categories;
	for (char *s = name; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	int n = 0, words = 0;
	char *rest;
	for (char *w = strtok_r(name, " \t", &rest); w && !n && words < OLD_NAME_WORDS;
	     w = strtok_r(NULL, " \t", &rest), words++)
		n = redirect_to(c, w);
	return n < 0 ? -1 : n ? 0 : page_error(c, 404, "没有这个栏目");
}

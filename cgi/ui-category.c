/*
 * ui-category.c - a category's posts, "/<category>/?page=N" (a list, see
 * ui-list.c); and the old Jekyll theme's "/category/<category>.html",
 * which moved there.
 */
#include "cmd.h"

#include <stdlib.h>

struct found {
	int64_t id;
	char *slug, *name;
};

static int take_category(const struct category_row *cat, void *arg)
{
	struct found *f = arg;
	f->id = cat->id;
	f->slug = xstrdup(cat->slug);
	f->name = xstrdup(cat->name);
	return 0;
}

/* Find the route's category: 1 found, 0 not, -1 store failure. */
static int find(struct ctx *c, struct found *f)
{
	int n = store_category(&c->store, c->route.categories, take_category, f);
	return n < 0 ? -1 : n > 0;
}

int ui_category(struct ctx *c)
{
	struct found f = {0};
	int rc = find(c, &f);
	if (rc == 0)
		return page_error(c, 404, "没有这个栏目");
	if (rc > 0) {
		struct buf url = {0}, feed = {0};
		page_category_url(&url, f.slug);
		buf_printf(&feed, "%sfeed.xml", url.s);
		struct list l = {f.name, url.s, NULL, f.id,
				 store_category_count, store_in_category, feed.s};
		c->current = f.slug;
		rc = ui_list_send(c, &l);
		c->current = NULL;
		buf_free(&url);
		buf_free(&feed);
	}
	free(f.slug);
	free(f.name);
	return rc;
}

int ui_old_category(struct ctx *c)
{
	struct found f = {0};
	int rc = find(c, &f);
	if (rc == 0)
		return page_error(c, 404, "没有这个栏目");
	if (rc > 0) {
		struct buf url = {0};
		page_category_url(&url, f.slug);
		rc = page_redirect(c, url.s);
		buf_free(&url);
	}
	free(f.slug);
	free(f.name);
	return rc;
}

/*
 * ui-category.c - a category's posts, "/<category>/?page=N", newest
 * first, POSTS_PER_PAGE to a page; and the old Jekyll theme's
 * "/category/<category>.html", which moved there.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

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

/* ?page=N: 1 when absent; 0 when not a positive integer written plainly. */
static long page_number(const struct request *r)
{
	const char *v = request_param(r, "page", 0);
	if (!v)
		return 1;
	size_t n = strlen(v);
	if (n == 0 || n > 9 || v[0] == '0' || strspn(v, "0123456789") != n)
		return 0;
	return strtol(v, NULL, 10);
}

static int add_post(const struct post_row *p, void *arg)
{
	page_post_item(arg, "POST", p, 0);
	return 0;
}

static void page_link(struct tmpl_dict *d, const char *section, const char *var,
		      const char *slug, long page)
{
	struct buf url = {0};
	page_category_url(&url, slug);
	if (page > 1)
		buf_printf(&url, "?page=%ld", page);
	tmpl_set(tmpl_add(d, section), var, url.s);
	buf_free(&url);
}

static int render(struct ctx *c, const struct found *f, long page, long total)
{
	long pages = total ? (total + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE : 1;
	if (page < 1 || page > pages)
		return page_error(c, 404, "没有这一页");
	struct buf title = {0};
	buf_adds(&title, f->name);
	if (page > 1)
		buf_printf(&title, "（第 %ld 页）", page);
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, title.s, f->name, "category.tpl", &body);
	buf_free(&title);
	if (!root)
		return -1;
	struct buf url = {0};
	page_category_url(&url, f->slug);
	tmpl_set(body, "CATEGORY_NAME", f->name);
	tmpl_set(body, "CATEGORY_URL", url.s);
	tmpl_set_int(body, "PAGE", page);
	tmpl_set_int(body, "PAGES", pages);
	tmpl_set_int(body, "TOTAL", total);
	if (page > 1)
		buf_printf(&url, "?page=%ld", page);
	page_canonical(c, root, url.s);
	buf_free(&url);
	if (pages > 1) {
		struct tmpl_dict *pager = tmpl_add(body, "PAGER");
		if (page > 1)
			page_link(pager, "PREV", "PREV_URL", f->slug, page - 1);
		if (page < pages)
			page_link(pager, "NEXT", "NEXT_URL", f->slug, page + 1);
	}
	if (store_in_category(&c->store, f->id, POSTS_PER_PAGE,
			      (page - 1) * POSTS_PER_PAGE, add_post, body) < 0) {
		tmpl_free(root);
		return -1;
	}
	return page_send(c, 200, root);
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
		long total = store_category_count(&c->store, f.id);
		c->current = f.slug;
		rc = total < 0 ? -1 : render(c, &f, page_number(&c->req), total);
		c->current = NULL;
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

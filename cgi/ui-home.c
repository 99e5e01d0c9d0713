/*
 * ui-home.c - the home page, "/": every category with its five newest
 * posts (categories by their newest post), and the newest 20 site-wide.
 */
#include "cmd.h"

#define HOME_PER_CATEGORY 5
#define HOME_LATEST 20

/* Where a list of posts goes. */
struct posts {
	struct ctx *c;
	struct tmpl_dict *d;
	int with_category;
};

static int add_post(const struct post_row *p, void *arg)
{
	const struct posts *to = arg;
	page_post_item(to->c, to->d, "POST", p, to->with_category);
	return 0;
}

/* Every category (the layout's list, by newest post) with its newest. */
static int add_categories(struct ctx *c, struct tmpl_dict *body)
{
	for (size_t i = 0; i < c->site.nnav; i++) {
		const struct nav_item *n = &c->site.nav[i];
		struct posts to = {c, tmpl_add(body, "CATEGORY"), 0};
		tmpl_set(to.d, "CATEGORY_URL", n->url);
		tmpl_set(to.d, "CATEGORY_NAME", n->name);
		if (store_in_category(&c->store, n->id, HOME_PER_CATEGORY, 0,
				      add_post, &to) < 0)
			return -1;
	}
	return 0;
}

int ui_home(struct ctx *c)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, NULL, NULL, "home.tpl", &body);
	if (!root)
		return -1;
	struct posts latest = {c, tmpl_add(body, "LATEST"), 1};
	if (store_newest(&c->store, HOME_LATEST, add_post, &latest) < 0 ||
	    add_categories(c, body) < 0) {
		tmpl_free(root);
		return -1;
	}
	page_canonical(c, root, "/");
	return page_send(c, 200, root);
}

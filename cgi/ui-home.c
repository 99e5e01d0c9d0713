/*
 * ui-home.c - the home page, "/": every category with its five newest
 * posts (categories by their newest post), and the newest 20 site-wide.
 */
#include "cmd.h"

#define HOME_PER_CATEGORY 5
#define HOME_LATEST 20

static int add_post(const struct post_row *p, void *arg)
{
	page_post_item(arg, "POST", p, 0);
	return 0;
}

static int add_latest(const struct post_row *p, void *arg)
{
	page_post_item(arg, "POST", p, 1);
	return 0;
}

/* Every category (the layout's list, by newest post) with its newest. */
static int add_categories(struct ctx *c, struct tmpl_dict *body)
{
	for (size_t i = 0; i < c->site.nnav; i++) {
		const struct nav_item *n = &c->site.nav[i];
		struct tmpl_dict *d = tmpl_add(body, "CATEGORY");
		tmpl_set(d, "CATEGORY_URL", n->url);
		tmpl_set(d, "CATEGORY_NAME", n->name);
		if (store_in_category(&c->store, n->id, HOME_PER_CATEGORY, 0,
				      add_post, d) < 0)
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
	if (store_newest(&c->store, HOME_LATEST, add_latest,
			 tmpl_add(body, "LATEST")) < 0 ||
	    add_categories(c, body) < 0) {
		tmpl_free(root);
		return -1;
	}
	page_canonical(c, root, "/");
	return page_send(c, 200, root);
}

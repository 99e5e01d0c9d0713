/*
 * ui-home.c - the home page, "/": every category with its five newest
 * posts (categories by their newest post), and the newest 20 site-wide.
 */
#include "cmd.h"

#define HOME_PER_CATEGORY 5
#define HOME_LATEST 20

struct home {
	struct ctx *c;
	struct tmpl_dict *d;
};

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

static int add_category(const struct category_row *cat, void *arg)
{
	struct home *h = arg;
	struct tmpl_dict *d = tmpl_add(h->d, "CATEGORY");
	struct buf url = {0};
	page_category_url(&url, cat->slug);
	tmpl_set(d, "CATEGORY_URL", url.s);
	tmpl_set(d, "CATEGORY_NAME", cat->name);
	buf_free(&url);
	return store_in_category(&h->c->store, cat->id, HOME_PER_CATEGORY, 0,
				 add_post, d) < 0 ? -1 : 0;
}

int ui_home(struct ctx *c)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, NULL, NULL, "home.tpl", &body);
	if (!root)
		return -1;
	struct home h = {c, body};
	if (store_newest(&c->store, HOME_LATEST, add_latest,
			 tmpl_add(body, "LATEST")) < 0 ||
	    store_categories(&c->store, add_category, &h) < 0) {
		tmpl_free(root);
		return -1;
	}
	page_canonical(c, root, "/");
	return page_send(c, 200, root);
}

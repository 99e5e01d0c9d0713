/*
 * ui-home.c - the home page, "/": the newest 20 posts site-wide, then a
 * box for each of at most 8 sources, the most active (the most posts in
 * the 3 days up to the site's newest post, then the newest post: the
 * source index's default order) with its 5 newest posts, then a link to
 * the source index.  Bounded whatever the number of categories.
 */
#include "cmd.h"

#include <stdlib.h>

#define HOME_LATEST 20
#define HOME_SOURCES 8
#define HOME_PER_SOURCE 5

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

/* The sources the boxes are for: ids, names and URLs, copied, since
 * their posts are read with another statement. */
struct boxes {
	size_t n;
	struct nav_item item[HOME_SOURCES];
};

/* A source with posts and a page gets a box. */
static int take_source(const struct source_row *r, void *arg)
{
	struct boxes *b = arg;
	struct buf url = {0};
	if (b->n < HOME_SOURCES && r->posts > 0 && page_category_url(&url, r->slug)) {
		struct nav_item *n = &b->item[b->n++];
		n->id = r->id;
		n->name = xstrdup(r->name);
		n->url = buf_steal(&url);
	}
	buf_free(&url);
	return 0;
}

static int add_boxes(struct ctx *c, struct tmpl_dict *body)
{
	struct boxes b = {0};
	int rc = store_sources(&c->store, 0, NULL, HOME_SOURCES, 0, take_source, &b);
	for (size_t i = 0; rc >= 0 && i < b.n; i++) {
		struct posts to = {c, tmpl_add(body, "CATEGORY"), 0};
		tmpl_set(to.d, "CATEGORY_URL", b.item[i].url);
		tmpl_set(to.d, "CATEGORY_NAME", b.item[i].name);
		rc = store_in_category(&c->store, b.item[i].id, HOME_PER_SOURCE, 0,
				       add_post, &to);
	}
	for (size_t i = 0; i < b.n; i++) {
		free(b.item[i].name);
		free(b.item[i].url);
	}
	return rc < 0 ? -1 : 0;
}

int ui_home(struct ctx *c)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, NULL, NULL, "home.tpl", &body);
	if (!root)
		return -1;
	struct posts latest = {c, tmpl_add(body, "LATEST"), 1};
	if (store_newest(&c->store, HOME_LATEST, add_post, &latest) < 0 ||
	    add_boxes(c, body) < 0 || sources_count(c) < 0) {
		tmpl_free(root);
		return -1;
	}
	tmpl_set_int(body, "SOURCES", c->site.sources);
	page_canonical(c, root, "/");
	feed_subscribe(root, c->site.title, "/feed.xml");
	return page_send(c, 200, root);
}

/*
 * ui-home.c - the home page, "/": the newest 20 posts site-wide, then a
 * box for each of at most 8 sources, the most active (the most posts in
 * the 3 days up to the site's newest post, then the newest post: the
 * source index's default order) with its 5 newest posts not already in
 * the latest list, then a link to the source index.  Bounded whatever the
 * number of categories.
 *
 * The boxes never repeat the latest list: when one wire brings most of
 * the news (emnews, 60% and more of the real archive), its box and the
 * boxes of the other active sources would show the very items of 最新消息
 * just above.  Each box shows the source's newest posts older than the
 * latest list's last (so never one of the list: both are ordered by time,
 * then id), so it shows the source's next posts; a box left empty (a
 * source all of whose posts are in the latest list) is dropped and the
 * next active source takes its place.  One index range a box: the posts
 * in the latest list are passed over in the index, never read (reading
 * them and skipping them in C was 40% of the page's instructions).
 * Skipping was chosen over leaving out the dominant wire's box: it needs
 * no rule for which wire dominates, and a reader still finds every active
 * source in its usual place.
 */
#include "cmd.h"

#include <stdlib.h>

#define HOME_LATEST 20
#define HOME_SOURCES 8
#define HOME_PER_SOURCE 5
/* Sources looked at for the boxes: those all of whose posts are in the
 * latest list have none, and the next take their place. */
#define HOME_CANDIDATES (2 * HOME_SOURCES)

/* The latest list: how many posts, and its last (oldest) one. */
struct shown {
	size_t n;
	int64_t published, id;
};

/* Where a list of posts goes: into d (created on the first post when
 * NULL, as section name of parent; its include POSTS in list), noting
 * the last in note (when not NULL).  The statements read only as many
 * posts as the list shows. */
struct posts {
	struct ctx *c;
	struct tmpl_dict *parent, *d, *list;
	const char *name;
	int with_category;
	struct shown *note;
};

static int add_post(const struct post_row *p, void *arg)
{
	struct posts *to = arg;
	if (!to->d)
		to->d = tmpl_add(to->parent, to->name);
	if (!to->list)
		to->list = page_post_list(to->d);
	page_post_item(to->c, to->list, p, to->with_category);
	if (to->note) {
		to->note->n++;
		to->note->published = p->published;
		to->note->id = p->id;
	}
	return 0;
}

/* The sources the boxes are for: ids, names and URLs, copied, since
 * their posts are read with another statement. */
struct boxes {
	size_t n;
	struct nav_item item[HOME_CANDIDATES];
};

/* A source with posts and a page gets a box. */
static int take_source(const struct source_row *r, void *arg)
{
	struct boxes *b = arg;
	struct buf url = {0};
	if (b->n < HOME_CANDIDATES && r->posts > 0 && page_category_url(&url, r->slug)) {
		struct nav_item *n = &b->item[b->n++];
		n->id = r->id;
		n->name = xstrdup(r->name);
		n->url = buf_steal(&url);
	}
	buf_free(&url);
	return 0;
}

/* A box for source n, unless all its posts are in the latest list:
 * 1 when it has one, 0 when not, -1 on a store error. */
static int add_box(struct ctx *c, struct tmpl_dict *body, const struct nav_item *n,
		   const struct shown *latest)
{
	struct posts to = {
		.c = c, .parent = body, .name = "CATEGORY",
	};
	if (store_in_category_before(&c->store, n->id, HOME_PER_SOURCE,
				     latest->published, latest->id, add_post, &to) < 0)
		return -1;
	if (!to.d)
		return 0;
	tmpl_set(to.d, "CATEGORY_URL", n->url);
	tmpl_set(to.d, "CATEGORY_NAME", n->name);
	return 1;
}

static int add_boxes(struct ctx *c, struct tmpl_dict *body, const struct shown *latest)
{
	struct boxes b = {0};
	if (latest->n < HOME_LATEST)
		return 0;   /* every post is in the latest list */
	int rc = store_sources(&c->store, 0, NULL, HOME_CANDIDATES, 0, take_source, &b);
	int boxes = 0;
	for (size_t i = 0; rc >= 0 && i < b.n && boxes < HOME_SOURCES; i++) {
		rc = add_box(c, body, &b.item[i], latest);
		boxes += rc > 0;
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
	struct shown shown = {0};
	struct posts latest = {
		.c = c, .d = tmpl_add(body, "LATEST"), .with_category = 1,
		.note = &shown,
	};
	if (store_newest(&c->store, HOME_LATEST, add_post, &latest) < 0 ||
	    add_boxes(c, body, &shown) < 0 || sources_count(c) < 0) {
		tmpl_free(root);
		return -1;
	}
	tmpl_set_int(body, "SOURCES", c->site.sources);
	page_canonical(c, root, "/");
	feed_subscribe(root, c->site.title, "/feed.xml");
	return page_send(c, 200, root);
}

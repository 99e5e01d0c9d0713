/*
 * ui-gone.c - 410 Gone: the addresses of a post taken down by
 * finews-import --remove, or removed by --prune (README: Takedowns and
 * deletions).  The store keeps a record of each such post's permalink
 * and share code (table takedowns); the article, share and old-URL
 * handlers ask here once no post has answered, so a live post's page
 * costs nothing more.
 */
#include "cmd.h"

#include <string.h>

/* A 410 page may be kept by caches for an hour: a takedown is meant to
 * last, and --restore is rare (the article itself was cacheable for a
 * day, see ui-article.c). */
#define GONE_CACHE "public, max-age=3600"

int ui_gone_send(struct ctx *c)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, "410 这篇文章已被删除",
					  "这篇文章已被删除", "gone.tpl", &body);
	if (!root)
		return -1;
	c->cache_control = GONE_CACHE;
	return page_send(c, 410, root);
}

/* Looking for a record whose permalink is the route's URL. */
struct at {
	const char *categories;   /* the route's: "emnews" */
	int found;
};

/* A record's category path is the route's as written, or cleaned (a
 * stored "/evil.com" is linked, and so answered, as /evil.com/…). */
static int take_path(const char *path, const char *unused, void *arg)
{
	(void)unused;
	struct at *at = arg;
	at->found |= !strcmp(path, at->categories) ||
		     page_path_is(path, at->categories);
	return 0;
}

/* 410 when the pieces of the route were a taken-down post's permalink:
 * 1 sent, 0 none, -1 when the store failed. */
int ui_gone_at(struct ctx *c)
{
	struct at at = {c->route.categories, 0};
	int n = store_gone_at(&c->store, c->route.day, c->route.slug, take_path, &at);
	if (n < 0)
		return -1;
	return at.found ? (ui_gone_send(c) < 0 ? -1 : 1) : 0;
}

/* 410 when the old URL of the route (its slug nearest its day, with
 * categories unless NULL) meant a taken-down post more than a live one. */
int ui_gone_near(struct ctx *c, const char *categories)
{
	int n = store_gone_near(&c->store, c->route.slug, categories, c->route.day);
	if (n > 0)
		return ui_gone_send(c) < 0 ? -1 : 1;
	return n;
}

/* 410 when code was a taken-down post's share code. */
int ui_gone_code(struct ctx *c, const char *code)
{
	int n = store_gone_code(&c->store, code);
	if (n > 0)
		return ui_gone_send(c) < 0 ? -1 : 1;
	return n;
}

/*
 * ui-tag.c - a tag's posts, "/tags/<tag>/?page=N" (a list, see
 * ui-list.c).  Tag names are in any script, percent-encoded in the URL.
 */
#include "cmd.h"

#include <stdlib.h>

struct found {
	int64_t id;
	char *name;
};

static int take_tag(const struct category_row *t, void *arg)
{
	struct found *f = arg;
	f->id = t->id;
	f->name = xstrdup(t->name);
	return 0;
}

int ui_tag(struct ctx *c)
{
	struct found f = {0};
	int n = store_tag(&c->store, c->route.tag, take_tag, &f);
	if (n == 0)
		return page_error(c, 404, "没有这个标签");
	if (n < 0)
		return -1;
	struct buf url = {0}, feed = {0};
	page_tag_url(&url, f.name);
	buf_printf(&feed, "%sfeed.xml", url.s);
	struct list l = {f.name, url.s, "标签", f.id, store_tag_count, store_with_tag,
			 feed.s};
	int rc = ui_list_send(c, &l);
	buf_free(&url);
	buf_free(&feed);
	free(f.name);
	return rc;
}

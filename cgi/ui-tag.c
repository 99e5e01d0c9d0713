/*
 * ui-tag.c - a tag's posts, "/tags/<tag>/?page=N" (a list, see
 * ui-list.c).  Tag names are in any script, percent-encoded in the URL.
 */
#include "cmd.h"

int ui_tag(struct ctx *c)
{
	struct named t;
	int n = page_find_tag(c, c->route.tag, &t);
	if (n <= 0)
		return n < 0 ? -1 : page_error(c, 404, "没有这个标签");
	struct buf url = {0}, feed = {0};
	page_tag_url(&url, t.name);
	buf_printf(&feed, "%sfeed.xml", url.s);
	struct list l = {t.name, url.s, "标签", t.id, store_tag_count, store_with_tag,
			 feed.s};
	int rc = ui_list_send(c, &l);
	buf_free(&url);
	buf_free(&feed);
	page_named_free(&t);
	return rc;
}

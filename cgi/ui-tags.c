/*
 * ui-tags.c - every tag, "/tags/": its name, link and number of posts,
 * the most used first (then by name).  The old site's 分类 page,
 * "/categories/", listed its tags and now leads here (cmd.c); each tag's
 * item has the tag's name as its id, as the old page's headings had, so
 * "/categories/#外汇" still lands on 外汇.
 */
#include "cmd.h"

struct tags {
	struct tmpl_dict *body;
	long n;
};

static int add_tag(const char *name, long count, void *arg)
{
	struct tags *t = arg;
	struct tmpl_dict *d = tmpl_add(t->body, "TAG");
	struct buf url = {0};
	tmpl_set(d, "TAG_NAME", name);
	if (page_tag_url(&url, name))
		tmpl_set(tmpl_add(d, "TAG_LINK"), "TAG_URL", url.s);
	else
		tmpl_show(d, "TAG_TEXT");   /* a name no URL can carry */
	tmpl_set_int(d, "TAG_COUNT", count);
	buf_free(&url);
	t->n++;
	return 0;
}

int ui_tags(struct ctx *c)
{
	struct tmpl_dict *body;
	struct tmpl_dict *root = page_new(c, "标签", "全部标签", "tags.tpl", &body);
	if (!root)
		return -1;
	struct tags t = {body, 0};
	if (store_tags(&c->store, add_tag, &t) < 0) {
		tmpl_free(root);
		return -1;
	}
	tmpl_set_int(body, "TOTAL", t.n);
	page_canonical(c, root, "/tags/");
	return page_send(c, 200, root);
}

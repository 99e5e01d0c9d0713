/*
 * ui-share.c - share links, "/html_News/NewsShare.html?infoCode=CODE"
 * (the parameter's name in any case): the article with that share code,
 * shown in place (see README: why not a redirect).
 */
#include "cmd.h"

static int send_article(const struct post_row *p, void *arg)
{
	return ui_article_send(arg, p);
}

int ui_share(struct ctx *c)
{
	const char *code = request_param(&c->req, "infoCode", 1);
	if (!code || !*code)
		return page_error(c, 404, "分享链接缺少 infoCode");
	int n = store_article_by_code(&c->store, code, send_article, c);
	if (n == 0)
		return page_error(c, 404, "找不到这个分享码对应的文章");
	return n < 0 ? -1 : 0;
}

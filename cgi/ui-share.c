/*
 * ui-share.c - share links, "/html_News/NewsShare.html?infoCode=CODE"
 * (the parameter's name in any case): the article with that share code,
 * shown in place (see README: why not a redirect).  A code pasted in
 * another form, "nw…" or its digits without "NW", gets a 301 to the share
 * link as written, when that code is known.  The code of a post taken
 * down answers 410 (ui-gone.c).
 */
#include "cmd.h"

#include <ctype.h>
#include <string.h>

#define SHARE_PATH "/html_News/NewsShare.html?infoCode="

static int send_article(const struct post_row *p, void *arg)
{
	return ui_article_send(arg, p);
}

static int found(const struct post_row *p, void *arg)
{
	(void)p;
	(void)arg;
	return 0;
}

/* The code as share links write it, "NW" and its digits, into b: 1 when
 * code is "nw…" in any case, or digits alone; else 0. */
static int canonical_code(const char *code, struct buf *b)
{
	size_t n = strlen(code);
	const char *digits = code;
	if (n > 2 && toupper((unsigned char)code[0]) == 'N' &&
	    toupper((unsigned char)code[1]) == 'W')
		digits += 2;
	size_t k = strlen(digits);
	if (k == 0 || k > 32 || strspn(digits, "0123456789") != k)
		return 0;
	buf_adds(b, "NW");
	buf_adds(b, digits);
	return strcmp(b->s, code) != 0;
}

/* 301 to the share link of code's canonical form when a post has it, or
 * 410 when a post taken down had it: 1; 0 when neither; -1 when the store
 * failed. */
static int redirect_code(struct ctx *c, const char *code)
{
	struct buf canon = {0}, url = {0};
	int other = canonical_code(code, &canon);
	int n = other ? store_article_by_code(&c->store, canon.s, found, NULL) : 0;
	if (n > 0) {
		buf_adds(&url, SHARE_PATH);
		url_encode(&url, canon.s);
		page_redirect(c, url.s);
	} else if (n == 0 && other) {
		n = ui_gone_code(c, canon.s);
	}
	buf_free(&canon);
	buf_free(&url);
	return n < 0 ? -1 : n > 0;
}

int ui_share(struct ctx *c)
{
	const char *code = request_param(&c->req, "infoCode", 1);
	if (!code || !*code)
		return page_error(c, 404, "分享链接缺少 infoCode");
	int n = store_article_by_code(&c->store, code, send_article, c);
	if (n == 0)   /* taken down: 410 (ui-gone.c) */
		n = ui_gone_code(c, code);
	if (n == 0)
		n = redirect_code(c, code);
	if (n == 0)
		return page_error(c, 404, "没有找到这篇文章");
	return n < 0 ? -1 : 0;
}

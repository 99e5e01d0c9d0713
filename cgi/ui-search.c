/*
 * ui-search.c - full-text search, "/search?q=…&page=N": results newest
 * first, each with its title, date, category and a snippet with the
 * words marked.  An empty query shows the search box.  search.c makes
 * the query; nothing a reader types is an error.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"

#define RESULTS_PER_PAGE 20
#define COUNT_MAX 1000      /* results counted exactly; more is "1000+" */
#define SNIPPET_CHARS 110

struct results {
	const struct ctx *c;
	const struct search *q;
	struct tmpl_dict *body;
};

static void add_piece(const char *s, size_t n, int hit, void *arg)
{
	struct tmpl_dict *d = tmpl_add(arg, "PIECE");
	char *text = xstrndup(s, n);
	tmpl_set(tmpl_add(d, hit ? "HIT" : "PLAIN"), "TEXT", text);
	free(text);
}

static int add_result(const struct post_row *p, void *arg)
{
	struct results *r = arg;
	struct tmpl_dict *d = tmpl_add(r->body, "RESULT");
	struct buf url = {0};
	struct when when;
	page_post_url(&url, p);
	page_when(r->c, p, &when);
	tmpl_set(d, "RESULT_URL", url.s);
	tmpl_set(d, "RESULT_TITLE", p->title);
	tmpl_set(d, "RESULT_DATE", when.text);
	tmpl_set(d, "RESULT_DATETIME", when.iso);
	buf_free(&url);
	if (p->category_slug && page_category_url(&url, p->category_slug)) {
		struct tmpl_dict *cat = tmpl_add(d, "RESULT_CATEGORY");
		tmpl_set(cat, "RESULT_CATEGORY_URL", url.s);
		tmpl_set(cat, "RESULT_CATEGORY_NAME", p->category_name);
	}
	buf_free(&url);
	search_snippet(r->q, p->body_html, SNIPPET_CHARS, add_piece, d);
	return 0;
}

static void page_link(struct tmpl_dict *d, const char *section, const char *var,
		      const struct search *q, long page)
{
	struct buf url = {0};
	buf_adds(&url, "/search?q=");
	url_encode(&url, q->text);
	if (page > 1)
		buf_printf(&url, "&page=%ld", page);
	tmpl_set(tmpl_add(d, section), var, url.s);
	buf_free(&url);
}

/* The results part of the page; -1 when the store failed. */
static int results(struct ctx *c, struct tmpl_dict *body, const struct search *q,
		   long page, long pages, long count)
{
	tmpl_set_int(body, "PAGE", page);
	tmpl_set_int(body, "PAGES", pages);
	if (count > COUNT_MAX)
		tmpl_set(body, "COUNT", "1000+");
	else
		tmpl_set_int(body, "COUNT", count);
	tmpl_show(body, count ? "FOUND" : "NOT_FOUND");
	if (pages > 1) {
		struct tmpl_dict *pager = tmpl_add(body, "PAGER");
		if (page > 1)
			page_link(pager, "PREV", "PREV_URL", q, page - 1);
		if (page < pages)
			page_link(pager, "NEXT", "NEXT_URL", q, page + 1);
	}
	struct results r = {c, q, body};
	return (q->match || q->scan) && count
		? store_search(&c->store, q->match, q->check, RESULTS_PER_PAGE,
			       (page - 1) * RESULTS_PER_PAGE, add_result, &r)
		: 0;
}

int ui_search(struct ctx *c)
{
	struct search q;
	if (search_parse(&c->store, request_param(&c->req, "q", 0), &q) < 0)
		return -1;
	long page = page_number(&c->req);
	long count = q.match || q.scan ? store_search_count(&c->store, q.match, q.check,
						  COUNT_MAX + 1) : 0;
	long pages = count ? ((count > COUNT_MAX ? COUNT_MAX : count) +
			      RESULTS_PER_PAGE - 1) / RESULTS_PER_PAGE : 1;
	int rc;
	if (count < 0) {
		rc = -1;
	} else if (page < 1 || page > pages) {
		rc = page_error(c, 404, "没有这一页");
	} else {
		struct buf title = {0};
		buf_adds(&title, q.nwords ? "搜索：" : "搜索");
		buf_adds(&title, q.text);
		struct tmpl_dict *body;
		struct tmpl_dict *root = page_new(c, title.s, title.s, "search.tpl", &body);
		buf_free(&title);
		rc = -1;
		if (root) {
			tmpl_set(root, "SEARCH_QUERY", q.text);
			tmpl_set(body, "QUERY", q.text);
			if (q.nwords && results(c, body, &q, page, pages, count) < 0)
				tmpl_free(root);
			else
				rc = page_send(c, 200, root);
		}
	}
	search_free(&q);
	return rc;
}

/*
 * ui-search.c - full-text search over the whole archive,
 * "/search?q=…&cat=<slug>&from=YYYY-MM-DD&to=YYYY-MM-DD": results newest
 * first, each with its title, date, category and a snippet with the
 * words marked, and how many there are.  The first pages are ?page=N
 * (N up to 50); every page links to the next by a cursor,
 * ?before=<published>.<n> (the search key of its oldest result), so a
 * page however deep costs what the first does.  search.c makes the
 * query; nothing typed in the box is an error, a bad filter is a 400
 * (request.c).
 *
 * The work of a request is bounded: its count and its page each look at
 * WORK_MAX of the index's candidates at most (TEXT_WORK_MAX when each
 * one's text is read).  A count cut there says "超过 N" (or "至少 N"
 * with a filter); a page cut there says so and goes on from where it
 * stopped.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

#define RESULTS_PER_PAGE 20
#define PAGES_NUMBERED 50
#define WORK_MAX 10000      /* candidates a count or a page looks at */
#define TEXT_WORK_MAX 1000  /* the same, when each one's text is read */
#define SNIPPET_CHARS 110

/* One page's walk of the candidates (store_search_walk). */
struct walk {
	long skip;          /* results before the page's first */
	long seen, max;     /* candidates looked at, and the bound */
	int64_t last;       /* the last candidate looked at */
	int64_t keys[RESULTS_PER_PAGE + 1];
	int n;              /* results kept, one past the page at most */
	int cut;            /* stopped at max with more to look at */
};

static int walk_one(int64_t sk, int ok, void *arg)
{
	struct walk *w = arg;
	if (w->seen == w->max) {
		w->cut = 1;
		return 1;
	}
	w->seen++;
	w->last = sk;
	if (ok && w->skip)
		w->skip--;
	else if (ok)
		w->keys[w->n++] = sk;
	return w->n == RESULTS_PER_PAGE + 1;
}

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

/* "YYYY/MM/DD" as "YYYY-MM-DD" (the form's and the URL's). */
static void dashed(char out[11], const char *day)
{
	memcpy(out, day, 11);
	for (char *ch = out; *ch; ch++)
		*ch = *ch == '/' ? '-' : *ch;
}

/* The search's URL with its filters, and "&<more>" if more. */
static void search_url(struct buf *url, const struct search *q,
		       const struct search_query *sq, const char *more)
{
	char day[11];
	buf_adds(url, "/search?q=");
	url_encode(url, q->text);
	if (sq->cat) {
		buf_adds(url, "&cat=");
		url_encode(url, sq->cat);
	}
	if (*sq->from) {
		dashed(day, sq->from);
		buf_printf(url, "&from=%s", day);
	}
	if (*sq->to) {
		dashed(day, sq->to);
		buf_printf(url, "&to=%s", day);
	}
	if (more)
		buf_printf(url, "&%s", more);
}

static void link_to(struct tmpl_dict *pager, const char *section,
		    const struct search *q, const struct search_query *sq,
		    const char *more)
{
	struct buf url = {0};
	search_url(&url, q, sq, more);
	tmpl_set(tmpl_add(pager, section), "URL", url.s);
	buf_free(&url);
}

/* The cursor of search key sk: "before=<published>.<n>". */
static void cursor(char *out, size_t size, int64_t sk)
{
	int64_t t = sk >= 0 ? sk / 65536 : -((-sk + 65535) / 65536);
	snprintf(out, size, "before=%lld.%lld", (long long)t,
		 (long long)(sk - t * 65536));
}

static void pager(struct tmpl_dict *body, const struct search *q,
		  const struct search_query *sq, const struct walk *w)
{
	int older = w->n > RESULTS_PER_PAGE || w->cut;
	if (sq->page == 1 && !sq->before && !older)
		return;
	struct tmpl_dict *d = tmpl_add(body, "PAGER");
	char more[64];
	if (sq->before)
		link_to(d, "FIRST", q, sq, NULL);
	else if (sq->page > 1) {
		snprintf(more, sizeof more, "page=%ld", sq->page - 1);
		link_to(d, "PREV", q, sq, sq->page > 2 ? more : NULL);
	}
	if (!older)
		return;
	if (!w->cut && !sq->before && sq->page < PAGES_NUMBERED)
		snprintf(more, sizeof more, "page=%ld", sq->page + 1);
	else
		cursor(more, sizeof more,
		       w->n > RESULTS_PER_PAGE ? w->keys[RESULTS_PER_PAGE - 1] : w->last);
	link_to(d, "NEXT", q, sq, more);
}

/* The count: exact; else, cut at the bound, "超过 N" when every
 * candidate counted was a result, or how many the first max held. */
static void add_count(struct tmpl_dict *body, long seen, long ok, long max)
{
	const char *how = seen <= max ? "COUNT_EXACT"
		: ok > max ? "COUNT_MORE" : "COUNT_AT_LEAST";
	struct tmpl_dict *d = tmpl_add(body, how);
	tmpl_set_int(d, "COUNT", ok > max ? max : ok);
	tmpl_set_int(d, "SEEN", max);
}

/* Narrow *w to the days of sq, from midnight to midnight in the site's
 * zone (a search key is published * 65536 + n); -1 when the store
 * failed. */
static int days(struct ctx *c, const struct search_query *sq,
		struct search_where *w)
{
	char day[11];
	int64_t t;
	if (*sq->from) {
		dashed(day, sq->from);
		if (store_search_midnight(&c->store, day, 0, &t) < 0)
			return -1;
		w->from = t * 65536;
	}
	if (*sq->to) {
		dashed(day, sq->to);
		if (store_search_midnight(&c->store, day, 1, &t) < 0)
			return -1;
		w->below = t * 65536;
	}
	return w->from < w->below;
}

/* Append s to key at *len, with a mark for NULL; 0 when it does not fit. */
static int key_add(char *key, size_t *len, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;
	if (*len + 1 + n > SEARCH_COUNT_KEY)
		return 0;
	key[(*len)++] = s ? 'v' : '-';
	memcpy(key + *len, s ? s : "", n);
	*len += n;
	return 1;
}

/*
 * store_search_count, kept for the store's data version (struct site,
 * emptied when an import changes the store): the next pages of a search,
 * and the same search again, count once.  Counting to WORK_MAX was three
 * quarters of a two-character search's instructions (callgrind).  The
 * last SEARCH_COUNTS searches are kept, the oldest replaced first; a
 * search text too long for the key is counted every time.
 */
static long count(struct ctx *c, const struct search_where *w, long limit, long *ok)
{
	char key[SEARCH_COUNT_KEY];
	size_t len = 0;
	int keyed = key_add(key, &len, w->match) && key_add(key, &len, w->words);
	for (size_t i = 0; keyed && i < SEARCH_COUNTS; i++) {
		const struct search_count *m = &c->site.counts[i];
		if (m->len == len && !memcmp(m->key, key, len) &&
		    m->category == w->category && m->from == w->from &&
		    m->below == w->below && m->limit == limit) {
			*ok = m->ok;
			return m->seen;
		}
	}
	long seen = store_search_count(&c->store, w, limit, ok);
	if (seen < 0 || !keyed)
		return seen;
	struct search_count *m = &c->site.counts[c->site.next_count];
	c->site.next_count = (c->site.next_count + 1) % SEARCH_COUNTS;
	*m = (struct search_count){.len = len, .category = w->category,
		.from = w->from, .below = w->below, .limit = limit,
		.seen = seen, .ok = *ok};
	memcpy(m->key, key, len);
	return seen;
}

/* The results part of the page; 0, 404 when the page is past the end,
 * or -1 when the store failed. */
static int results(struct ctx *c, struct tmpl_dict *body, const struct search *q,
		   const struct search_query *sq, struct search_where *where)
{
	long max = q->check ? TEXT_WORK_MAX : WORK_MAX, ok = 0;
	long seen = count(c, where, max + 1, &ok);
	if (seen < 0)
		return -1;
	struct walk w = {.skip = (sq->page - 1) * RESULTS_PER_PAGE, .max = max};
	if (sq->before && sq->key < where->below)
		where->below = sq->key;
	if ((ok || seen > max) &&
	    store_search_walk(&c->store, where, walk_one, &w) < 0)
		return -1;
	if (sq->page > 1 && !w.n && !w.cut)
		return 404;
	add_count(body, seen, ok, max);
	tmpl_show(body, ok || seen > max ? "FOUND" : "NOT_FOUND");
	if (sq->page > 1)
		tmpl_set_int(tmpl_add(body, "PAGE_NUMBER"), "PAGE", sq->page);
	if (w.cut)
		tmpl_set_int(tmpl_add(body, "CUT"), "SEEN", w.seen);
	pager(body, q, sq, &w);
	struct results r = {c, q, body};
	for (int i = 0; i < w.n && i < RESULTS_PER_PAGE; i++)
		if (store_search_post(&c->store, w.keys[i], add_result, &r) < 0)
			return -1;
	return 0;
}

/* The form's category choice: the menu's categories, and cat. */
static void categories(struct ctx *c, struct tmpl_dict *body,
		       const struct named *cat)
{
	int listed = 0;
	for (size_t i = 0; i < c->site.nmenu; i++) {
		const struct nav_item *n = &c->site.menu[i];
		struct tmpl_dict *d = tmpl_add(body, "CAT_OPTION");
		tmpl_set(d, "CAT_SLUG", n->slug);
		tmpl_set(d, "CAT_NAME", n->name);
		if (cat->slug && !strcmp(cat->slug, n->slug)) {
			tmpl_show(d, "CAT_SELECTED");
			listed = 1;
		}
	}
	if (cat->slug && !listed) {
		struct tmpl_dict *d = tmpl_add(body, "CAT_OPTION");
		tmpl_set(d, "CAT_SLUG", cat->slug);
		tmpl_set(d, "CAT_NAME", cat->name);
		tmpl_show(d, "CAT_SELECTED");
	}
}

static int search_page(struct ctx *c, const struct search *q,
		       const struct search_query *sq, const struct named *cat)
{
	struct search_where where = {q->match, q->check, cat->id, INT64_MIN, INT64_MAX};
	int any = q->match || q->scan ? days(c, sq, &where) : 0;
	if (any < 0)
		return -1;
	struct buf title = {0};
	buf_adds(&title, q->nwords ? "搜索：" : "搜索");
	buf_adds(&title, q->text);
	struct tmpl_dict *body;
	c->own_search_form = 1;
	struct tmpl_dict *root = page_new(c, title.s, title.s, "search.tpl", &body);
	buf_free(&title);
	if (!root)
		return -1;
	char day[11];
	tmpl_set(body, "QUERY", q->text);
	dashed(day, sq->from);
	tmpl_set(body, "FROM", day);
	dashed(day, sq->to);
	tmpl_set(body, "TO", day);
	categories(c, body, cat);
	int rc = 0;
	if (!q->nwords && (sq->cat || *sq->from || *sq->to))
		tmpl_show(body, "NO_WORDS");
	else if (!q->nwords)
		;
	else if (!any)
		tmpl_show(body, "NOT_FOUND");
	else
		rc = results(c, body, q, sq, &where);
	if (rc) {
		tmpl_free(root);
		c->own_search_form = 0;
		return rc < 0 ? -1 : page_error(c, 404, "没有这一页");
	}
	return page_send(c, 200, root);
}

int ui_search(struct ctx *c)
{
	struct search_query sq;
	const char *why = request_search(&c->req, &sq);
	if (why)
		return page_error(c, 400, why);
	if (sq.page > PAGES_NUMBERED)
		return page_error(c, 404, "没有这一页：更早的结果请用“下一页”链接");
	struct named cat = {0};
	int found = sq.cat ? page_find_category(c, sq.cat, &cat) : 1;
	if (found <= 0)
		return found < 0 ? -1 : page_error(c, 404, "没有这个分类");
	struct search q;
	int rc = -1;
	if (search_parse(&c->store, sq.q, &q) == 0)
		rc = search_page(c, &q, &sq, &cat);
	search_free(&q);
	page_named_free(&cat);
	return rc;
}

/*
 * ui-sources.c - the source index, "/category/": every source (category)
 * with its name, number of posts and newest post's time, SOURCES_PER_PAGE
 * to a page, by activity (the most posts in the 3 days up to the site's
 * newest post, then the newest post) or with ?sort=name by initial (A to
 * Z, 0-9, others: a heading each, and a bar of them) then slug ignoring
 * case; ?q= keeps the sources whose name or slug holds it.  Each page is
 * one range of an index (store.c), so page 100 of 20,000 sources is as
 * cheap as page 1.  static/sources.js filters the page's rows as the
 * reader types; the page is whole without it.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#define SOURCES_PER_PAGE 200

/* The index of an initial: 0-25 "a".."z", 26 a digit, 27 any other; as
 * store.c's SOURCE_INITIAL ("{" is a digit's, "|" any other's). */
static int initial_index(const char *initial)
{
	unsigned char ch = (unsigned char)initial[0];
	if (ch >= 'A' && ch <= 'Z')
		ch = (unsigned char)(ch - 'A' + 'a');
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a';
	return ch == '{' || (ch >= '0' && ch <= '9') ? 26 : 27;
}

/* Its heading and the id of its section. */
static void initial_names(int i, char label[8], char id[12])
{
	if (i < 26) {
		snprintf(label, 8, "%c", 'A' + i);
		snprintf(id, 12, "i-%c", 'a' + i);
	} else {
		snprintf(label, 8, "%s", i == 26 ? "0–9" : "其他");
		snprintf(id, 12, "i-%s", i == 26 ? "0" : "other");
	}
}

static int count_initial(const char *initial, long n, void *arg)
{
	struct site *site = arg;
	site->initials[initial_index(initial)] += n;
	site->sources += n;
	return 0;
}

int sources_count(struct ctx *c)
{
	struct site *site = &c->site;
	if (site->sources >= 0)
		return 0;
	memset(site->initials, 0, sizeof site->initials);
	site->sources = 0;
	if (store_source_initials(&c->store, count_initial, site) < 0) {
		site->sources = -1;
		return -1;
	}
	return 0;
}

/* The page's address: /category/ with the order, filter and page. */
static void index_url(struct buf *b, const struct sources_query *sq, long page)
{
	buf_adds(b, "/category/");
	char sep = '?';
	if (sq->by_name) {
		buf_adds(b, "?sort=name");
		sep = '&';
	}
	if (*sq->q) {
		buf_printf(b, "%cq=", sep);
		url_encode(b, sq->q);
		sep = '&';
	}
	if (page > 1)
		buf_printf(b, "%cpage=%ld", sep, page);
}

/* Where the rows go: the current initial's section (by name), or one. */
struct rows {
	struct ctx *c;
	struct tmpl_dict *body, *group;
	int by_name, initial;
};

static struct tmpl_dict *group_for(struct rows *to, const char *slug)
{
	int i = to->by_name ? initial_index(slug) : -1;
	if (to->group && i == to->initial)
		return to->group;
	to->group = tmpl_add(to->body, "GROUP");
	to->initial = i;
	if (i >= 0) {
		char label[8], id[12];
		initial_names(i, label, id);
		struct tmpl_dict *h = tmpl_add(to->group, "GROUP_HEAD");
		tmpl_set(h, "GROUP_ID", id);
		tmpl_set(h, "GROUP_LABEL", label);
	}
	return to->group;
}

/* What the page's filter (sources.js) looks in: name and slug, ASCII
 * lower-cased as ?q= compares them. */
static void filter_text(struct buf *b, const struct source_row *r)
{
	buf_adds(b, r->name);
	buf_addc(b, ' ');
	buf_adds(b, r->slug);
	for (size_t i = 0; i < b->len; i++)
		if (b->s[i] >= 'A' && b->s[i] <= 'Z')
			b->s[i] = (char)(b->s[i] - 'A' + 'a');
}

static int add_source(const struct source_row *r, void *arg)
{
	struct rows *to = arg;
	struct tmpl_dict *d = tmpl_add(group_for(to, r->slug), "SOURCE");
	struct buf url = {0}, f = {0};
	if (page_category_url(&url, r->slug))
		tmpl_set(tmpl_add(d, "SOURCE_LINK"), "SOURCE_URL", url.s);
	else
		tmpl_show(d, "SOURCE_PLAIN");
	filter_text(&f, r);
	tmpl_set(d, "SOURCE_FILTER", f.s);
	tmpl_set(d, "SOURCE_NAME", r->name);
	tmpl_set(d, "SOURCE_SLUG", r->slug);
	tmpl_set_int(d, "SOURCE_POSTS", r->posts);
	if (r->newest) {
		struct post_row p = {0};
		struct when w;
		p.published = r->newest;
		p.zone_offset = r->zone_offset;
		p.date_only = r->date_only;
		page_when(to->c, &p, &w);
		struct tmpl_dict *t = tmpl_add(d, "SOURCE_NEWEST");
		tmpl_set(t, "DATETIME", w.iso);
		tmpl_set(t, "DATE", w.text);
	}
	buf_free(&url);
	buf_free(&f);
	return 0;
}

/* The bar of initials: each links to its section, on its page. */
static void add_initials(struct ctx *c, struct tmpl_dict *body,
			 const struct sources_query *sq)
{
	struct tmpl_dict *bar = tmpl_add(body, "INITIALS");
	long before = 0;
	for (int i = 0; i < SOURCE_INITIALS; i++) {
		long n = c->site.initials[i];
		if (!n)
			continue;
		char label[8], id[12];
		initial_names(i, label, id);
		long page = before / SOURCES_PER_PAGE + 1;
		struct buf url = {0};
		if (page != sq->page)
			index_url(&url, sq, page);
		buf_printf(&url, "#%s", id);
		struct tmpl_dict *d = tmpl_add(bar, "INITIAL");
		tmpl_set(d, "INITIAL_URL", url.s);
		tmpl_set(d, "INITIAL_LABEL", label);
		buf_free(&url);
		before += n;
	}
}

static void add_orders(struct tmpl_dict *body, const struct sources_query *sq)
{
	struct sources_query by = *sq;
	struct buf url = {0};
	by.by_name = 0;
	index_url(&url, &by, 1);
	tmpl_set(body, "BY_ACTIVITY_URL", url.s);
	buf_free(&url);
	by.by_name = 1;
	index_url(&url, &by, 1);
	tmpl_set(body, "BY_NAME_URL", url.s);
	buf_free(&url);
	tmpl_show(body, sq->by_name ? "BY_NAME" : "BY_ACTIVITY");
	if (*sq->q)
		tmpl_set(tmpl_add(body, "FILTERED"), "Q", sq->q);
}

static void add_pager(struct tmpl_dict *body, const struct sources_query *sq,
		      long pages)
{
	if (pages < 2)
		return;
	struct tmpl_dict *pager = tmpl_add(body, "PAGER");
	struct buf url = {0};
	if (sq->page > 1) {
		index_url(&url, sq, sq->page - 1);
		tmpl_set(tmpl_add(pager, "PREV"), "PREV_URL", url.s);
		buf_free(&url);
	}
	if (sq->page < pages) {
		index_url(&url, sq, sq->page + 1);
		tmpl_set(tmpl_add(pager, "NEXT"), "NEXT_URL", url.s);
		buf_free(&url);
	}
}

/* The page, once its number is known to be one: root from page_new. */
static int send_index(struct ctx *c, struct tmpl_dict *root,
		      struct tmpl_dict *body, const struct sources_query *sq,
		      long total, long pages)
{
	const char *q = *sq->q ? sq->q : NULL;
	struct buf url = {0};
	index_url(&url, sq, sq->page);
	page_canonical(c, root, url.s);
	buf_free(&url);
	tmpl_set_int(body, "TOTAL", total);
	tmpl_set_int(body, "PAGE", sq->page);
	tmpl_set_int(body, "PAGES", pages);
	tmpl_set(body, "Q", sq->q);
	add_orders(body, sq);
	if (sq->by_name && !q)
		add_initials(c, body, sq);
	add_pager(body, sq, pages);
	if (!total)
		tmpl_show(body, "NONE");
	struct rows to = {c, body, NULL, sq->by_name, -1};
	if (store_sources(&c->store, sq->by_name, q, SOURCES_PER_PAGE,
			  (sq->page - 1) * SOURCES_PER_PAGE, add_source, &to) < 0) {
		tmpl_free(root);
		return -1;
	}
	return page_send(c, 200, root);
}

int ui_sources(struct ctx *c)
{
	struct sources_query sq;
	const char *why = request_sources(&c->req, &sq);
	if (why)
		return page_error(c, 400, why);
	struct buf title = {0};
	buf_adds(&title, "全部来源");
	if (sq.page > 1)
		buf_printf(&title, "（第 %ld 页）", sq.page);
	struct tmpl_dict *body;
	c->current_sources = 1;
	struct tmpl_dict *root = page_new(c, title.s, title.s, "sources.tpl", &body);
	buf_free(&title);
	if (!root || sources_count(c) < 0) {
		tmpl_free(root);
		return -1;
	}
	long total = *sq.q ? store_sources_count(&c->store, sq.q) : c->site.sources;
	long pages = total > 0 ? (total + SOURCES_PER_PAGE - 1) / SOURCES_PER_PAGE : 1;
	if (total < 0) {
		tmpl_free(root);
		return -1;
	}
	if (sq.page > pages) {
		tmpl_free(root);
		return page_error(c, 404, "没有这一页");
	}
	return send_index(c, root, body, &sq, total, pages);
}

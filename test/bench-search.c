/*
 * bench-search.c - search latency over a store, as finews.fcgi runs it:
 * parse the query (search.c), count the results (10,000 candidates at
 * most, 1,000 when their texts are read, as ui-search.c), walk to the
 * page's 20 and read them; the first page, then a deep one (a cursor
 * ?before= 60% of the way down the archive), and with a category.
 *
 *   bench-search STORE [RUNS]
 *
 * Prints the median and 90th percentile per query kind.  A benchmark
 * that prints figures; it asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cgi/search.h"
#include "../cgi/store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int count_row(const struct post_row *p, void *arg)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct walk {
	long seen, max;
	int n;
	int64_t keys[21];
};

static int walk_one(int64_t sk, int ok, void *arg)
{
	struct walk *w = arg;
	if (w->seen++ == w->max)
		return 1;
	if (ok)
		w->keys[w->n++] = sk;
	return w->n == 21;
}

/* One search as the page does it, below key deep (0: the first page) and
 * in category (0: any); the number of results counted. */
static long one(struct store *s, const char *q, int64_t deep, int64_t category,
		int *shown)
{
	struct search r;
	if (search_parse(s, q, &r) < 0)
		exit(1);
	long n = 0, ok = 0, max = r.check ? 1000 : 10000;
	*shown = 0;
	if (r.match) {
		struct search_where w = {r.match, r.check, category, INT64_MIN, INT64_MAX};
		store_search_count(s, &w, max + 1, &ok);
		n = ok;
		struct walk k = {.max = max};
		w.below = deep ? deep : INT64_MAX;
		store_search_walk(s, &w, walk_one, &k);
		for (int i = 0; i < k.n && i < 20; i++)
			store_search_post(s, k.keys[i], count_row, shown);
	}
	search_free(&r);
	return n;
}

static int64_t one_number(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: bench-search STORE [RUNS]\n", stderr);
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 50;
	struct store s;
	if (store_open(&s, argv[1], 1) < 0 || search_register(s.db) < 0)
		return 1;
	static const struct { const char *kind, *q; } queries[] = {
		{"two characters", "汽车"},
		{"two characters", "银行"},
		{"one character", "车"},
		{"a word of four", "新能源车"},
		{"a long phrase", "跨境电商行业景气度有望延续"},
		{"two words", "汽车 价格"},
		{"hostile", "\"*NEAR( OR 1=1; DROP TABLE posts; --"},
		{"no match", "不存在的词语组合"},
		{"deep page", "汽车"},
		{"deep page", "车"},
		{"deep page", "跨境电商行业景气度有望延续"},
		{"in a category", "汽车"},
		{"in a category", "跨境电商行业景气度有望延续"},
	};
	/* 60% of the way down, and the smallest category with posts */
	int64_t deep = one_number(&s, "SELECT sk FROM posts ORDER BY sk DESC "
		"LIMIT 1 OFFSET (SELECT count(*) * 6 / 10 FROM posts)");
	int64_t category = one_number(&s, "SELECT id FROM categories "
		"WHERE posts > 0 ORDER BY posts LIMIT 1");
	double *t = malloc(sizeof *t * (size_t)runs);
	for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
		long n = 0;
		int shown = 0;
		for (int i = 0; i < runs; i++) {
			double t0 = now_ms();
			n = one(&s, queries[k].q,
				!strcmp(queries[k].kind, "deep page") ? deep : 0,
				!strcmp(queries[k].kind, "in a category") ? category : 0,
				&shown);
			t[i] = now_ms() - t0;
		}
		qsort(t, (size_t)runs, sizeof *t, cmp);
		printf("search %-15s %-28s median %7.2f ms  p90 %7.2f ms  "
		       "(%s%ld results, %d shown)\n", queries[k].kind, queries[k].q,
		       t[runs / 2], t[runs * 9 / 10], n > 10000 ? ">" : "",
		       n > 10000 ? 10000 : n, shown);
	}
	free(t);
	store_close(&s);
	return 0;
}

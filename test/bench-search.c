/*
 * bench-search.c - search latency over a store, as finews.fcgi runs it:
 * parse the query (search.c), count the results, fetch the first page.
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

/* One search as the page does it; the number of results counted. */
static long one(struct store *s, const char *q, int *shown)
{
	struct search r;
	if (search_parse(s, q, &r) < 0)
		exit(1);
	long n = 0;
	*shown = 0;
	if (r.match) {
		n = store_search_count(s, r.match, r.check, 1001);
		store_search(s, r.match, r.check, 20, 0, count_row, shown);
	}
	search_free(&r);
	return n;
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
	};
	double *t = malloc(sizeof *t * (size_t)runs);
	for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
		long n = 0;
		int shown = 0;
		for (int i = 0; i < runs; i++) {
			double t0 = now_ms();
			n = one(&s, queries[k].q, &shown);
			t[i] = now_ms() - t0;
		}
		qsort(t, (size_t)runs, sizeof *t, cmp);
		printf("search %-15s %-28s median %7.2f ms  p90 %7.2f ms  "
		       "(%s%ld results, %d shown)\n", queries[k].kind, queries[k].q,
		       t[runs / 2], t[runs * 9 / 10], n > 1000 ? ">" : "",
		       n > 1000 ? 1000 : n, shown);
	}
	free(t);
	store_close(&s);
	return 0;
}

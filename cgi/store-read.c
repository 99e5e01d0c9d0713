/*
 * store-read.c - the queries finews.fcgi makes.  Rows are handed to a
 * callback while the statement holds them, so nothing is copied.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/*
 * Column i of st, at most POST_TEXT_CHARS characters counted as SQLite's
 * substr() counts them (a byte from 0xC0 with the continuation bytes
 * after it is one character, any other byte one), copied into cut when it
 * is longer; an overlong prefix (only in text that is not UTF-8) is cut
 * further at a character's start to fit.  In C rather than substr() in
 * the query: a tenth of a list page's instructions went to it.
 */
static const char *text_cut(sqlite3_stmt *st, int i, char *cut, size_t size)
{
	const unsigned char *z = sqlite3_column_text(st, i), *p = z;
	if (!z)
		return NULL;
	for (int n = 0; n < POST_TEXT_CHARS && *p; n++)
		if (*p++ >= 0xC0)
			while ((*p & 0xC0) == 0x80)
				p++;
	if (!*p)
		return (const char *)z;
	size_t len = (size_t)(p - z);
	if (len >= size)
		for (len = size - 1; len && (z[len] & 0xC0) == 0x80; len--)
			;
	memcpy(cut, z, len);
	cut[len] = '\0';
	return cut;
}

static void read_post(sqlite3_stmt *st, struct post_row *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->published = sqlite3_column_int64(st, 1);
	p->category_id = sqlite3_column_int64(st, 2);
	p->utc_offset = sqlite3_column_int(st, 3);
	p->slug = text(st, 4);
	p->day = text(st, 5);
	p->category_path = text(st, 6);
	p->title = text_cut(st, 7, p->cut[0], sizeof p->cut[0]);
	p->summary = text_cut(st, 8, p->cut[1], sizeof p->cut[1]);
	p->info_code = text(st, 9);
	p->source_url = text(st, 10);
	p->source_name = text(st, 11);
	p->category_slug = text(st, 12);
	p->category_name = text(st, 13);
	p->date_only = sqlite3_column_int(st, 14);
	p->zone_offset = sqlite3_column_int(st, 15);
	p->body_html = sqlite3_column_count(st) > 16 ? text(st, 16) : NULL;
}

/* Whom a row goes to: one of the four kinds of callback. */
struct to {
	post_fn post;
	category_fn category;
	pair_fn pair;
	count_fn count;
	source_fn source;
	void *arg;
};

static int each_count(sqlite3_stmt *st, const struct to *to);

/* Step st to the end, handing each row to each(); the row count or -1. */
static int each_row(struct store *s, sqlite3_stmt *st,
		    int (*each)(sqlite3_stmt *, const struct to *), struct to to)
{
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (each(st, &to) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	if (rc != SQLITE_DONE)
		n = store_fail(s, "reading");
	sqlite3_reset(st);
	return n;
}

static int each_post(sqlite3_stmt *st, const struct to *to)
{
	struct post_row p;
	read_post(st, &p);
	return to->post(&p, to->arg);
}

/* A row of LINK_COLUMNS (store.c), the rest of the post_row empty. */
static int each_link(sqlite3_stmt *st, const struct to *to)
{
	struct post_row p = {
		.id = sqlite3_column_int64(st, 0),
		.published = sqlite3_column_int64(st, 1),
		.slug = text(st, 2),
		.day = text(st, 3),
		.category_path = text(st, 4),
	};
	p.title = text_cut(st, 5, p.cut[0], sizeof p.cut[0]);
	return to->post(&p, to->arg);
}

static int each_category(sqlite3_stmt *st, const struct to *to)
{
	struct category_row c = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		text(st, 2), text(st, 3),
	};
	return to->category(&c, to->arg);
}

static int each_pair(sqlite3_stmt *st, const struct to *to)
{
	return to->pair(text(st, 0), text(st, 1), to->arg);
}

int store_site(struct store *s, pair_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITE_ALL);
	return st ? each_row(s, st, each_pair, (struct to){.pair = fn, .arg = arg}) : -1;
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, ST_DATA_VERSION);
	if (!st)
		return -1;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
						  : store_fail(s, "reading the data version");
	sqlite3_reset(st);
	return v;
}

int store_categories_holding(struct store *s, const char *part,
			     category_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORIES_CLEANED);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, part, -1, SQLITE_STATIC);
	return each_row(s, st, each_category, (struct to){.category = fn, .arg = arg});
}

int store_menu(struct store *s, category_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_MENU);
	return st ? each_row(s, st, each_category, (struct to){.category = fn, .arg = arg}) : -1;
}

int store_category(struct store *s, const char *slug, category_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_BY_SLUG);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	return each_row(s, st, each_category, (struct to){.category = fn, .arg = arg});
}

/* The one number bound statement st gives, or -1 (what it was doing). */
static long count_row_of(struct store *s, sqlite3_stmt *st, const char *what)
{
	long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		store_fail(s, what);
	sqlite3_reset(st);
	return n;
}

static long count(struct store *s, enum stmt_id id, int64_t key)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	return count_row_of(s, st, "counting");
}

long store_category_count(struct store *s, int64_t category)
{
	return count(s, ST_CATEGORY_COUNT, category);
}

long store_tag_count(struct store *s, int64_t tag)
{
	return count(s, ST_TAG_COUNT, tag);
}

long store_stream_count(struct store *s, int64_t unused)
{
	(void)unused;
	sqlite3_stmt *st = store_stmt(s, ST_STREAM_COUNT);
	return st ? count_row_of(s, st, "counting posts") : -1;
}

int store_stream(struct store *s, int64_t unused, int limit, long offset,
		 post_fn fn, void *arg)
{
	(void)unused;
	sqlite3_stmt *st = store_stmt(s, ST_STREAM);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_newest(struct store *s, int limit, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_NEWEST);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

static int each_source(sqlite3_stmt *st, const struct to *to)
{
	struct source_row r = {
		sqlite3_column_int64(st, 0), text(st, 1), text(st, 2),
		(long)sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
		sqlite3_column_int(st, 5), sqlite3_column_int(st, 6),
	};
	return to->source(&r, to->arg);
}

int store_sources(struct store *s, int by_name, const char *q, int limit,
		  long offset, source_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, by_name ? ST_SOURCES_BY_NAME
					    : ST_SOURCES_ACTIVE);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	if (q)
		sqlite3_bind_text(st, 3, q, -1, SQLITE_STATIC);
	return each_row(s, st, each_source, (struct to){.source = fn, .arg = arg});
}

long store_sources_count(struct store *s, const char *q)
{
	sqlite3_stmt *st = store_stmt(s, ST_SOURCES_COUNT);
	if (!st)
		return -1;
	if (q)
		sqlite3_bind_text(st, 3, q, -1, SQLITE_STATIC);
	return count_row_of(s, st, "counting sources");
}

int store_source_initials(struct store *s, count_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SOURCE_INITIALS);
	return st ? each_row(s, st, each_count, (struct to){.count = fn, .arg = arg}) : -1;
}

int store_in_category(struct store *s, int64_t category, int limit, long offset,
		      post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_IN_CATEGORY);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, category);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_in_category_before(struct store *s, int64_t category, int limit,
			     int64_t published, int64_t id, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_IN_CATEGORY_BEFORE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, category);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, published);
	sqlite3_bind_int64(st, 4, id);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_article_by_url(struct store *s, const char *categories, const char *day,
			 const char *slug, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_ARTICLE_BY_URL);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, categories, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, slug, -1, SQLITE_STATIC);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_article_by_code(struct store *s, const char *code, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_ARTICLE_BY_CODE);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_article_by_slug(struct store *s, const char *slug,
			  const char *categories, const char *day,
			  post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_ARTICLE_BY_SLUG);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (categories)
		sqlite3_bind_text(st, 2, categories, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

/* The pairs statement id gives for a day and a slug. */
static int day_slug_pairs(struct store *s, enum stmt_id id, const char *day,
			  const char *slug, pair_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	return each_row(s, st, each_pair, (struct to){.pair = fn, .arg = arg});
}

int store_article_paths(struct store *s, const char *day, const char *slug,
			pair_fn fn, void *arg)
{
	return day_slug_pairs(s, ST_ARTICLE_PATHS, day, slug, fn, arg);
}

int store_neighbour(struct store *s, int64_t category, const struct post_row *p,
		    int older, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, older ? ST_OLDER_IN_CATEGORY
					       : ST_NEWER_IN_CATEGORY);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, category);
	sqlite3_bind_int64(st, 2, p->published);
	sqlite3_bind_int64(st, 3, p->id);
	return each_row(s, st, each_link, (struct to){.post = fn, .arg = arg});
}

int store_post_tags(struct store *s, int64_t post, pair_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_POST_TAG_NAMES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, post);
	return each_row(s, st, each_pair, (struct to){.pair = fn, .arg = arg});
}

static int each_count(sqlite3_stmt *st, const struct to *to)
{
	return to->count(text(st, 0), (long)sqlite3_column_int64(st, 1), to->arg);
}

int store_tags(struct store *s, count_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAGS);
	return st ? each_row(s, st, each_count, (struct to){.count = fn, .arg = arg}) : -1;
}

int store_tag(struct store *s, const char *name, category_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAG_BY_NAME);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return each_row(s, st, each_category, (struct to){.category = fn, .arg = arg});
}

int store_with_tag(struct store *s, int64_t tag, int limit, long offset,
		   post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_WITH_TAG);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, tag);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_search_terms(struct store *s, const char *from, const char *to,
		       int limit, pair_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_TERMS);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit);
	return each_row(s, st, each_pair, (struct to){.pair = fn, .arg = arg});
}

static void bind_where(sqlite3_stmt *st, const struct search_where *w)
{
	if (w->match)
		sqlite3_bind_text(st, 1, w->match, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, w->words, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, w->below);
	sqlite3_bind_int64(st, 4, w->from);
	if (w->category)
		sqlite3_bind_int64(st, 5, w->category);
	else
		sqlite3_bind_null(st, 5);
}

long store_search_walk(struct store *s, const struct search_where *w,
		       int (*fn)(int64_t sk, int ok, void *arg), void *arg)
{
	sqlite3_stmt *st = store_stmt(s, w->match ? ST_SEARCH_NEWEST : ST_SEARCH_SCAN_NEWEST);
	if (!st)
		return -1;
	bind_where(st, w);
	long n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn(sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		n = store_fail(s, "searching");
	sqlite3_reset(st);
	return n;
}

long store_search_count(struct store *s, const struct search_where *w,
			long limit, long *ok)
{
	sqlite3_stmt *st = store_stmt(s, w->match ? ST_SEARCH_COUNT : ST_SEARCH_SCAN_COUNT);
	if (!st)
		return -1;
	bind_where(st, w);
	sqlite3_bind_int64(st, 6, limit);
	long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = (long)sqlite3_column_int64(st, 0);
		*ok = (long)sqlite3_column_int64(st, 1);
	} else {
		store_fail(s, "counting results");
	}
	sqlite3_reset(st);
	return n;
}

int store_search_post(struct store *s, int64_t sk, post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_POST);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sk);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_search_midnight(struct store *s, const char *day, int next, int64_t *t)
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_MIDNIGHT);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next ? "+1 day" : "+0 days", -1, SQLITE_STATIC);
	long n = count_row_of(s, st, "searching days");
	*t = n;
	return n == -1 ? -1 : 0;
}

/* ---- feeds and the sitemap (ui-feed.c, ui-sitemap.c) ------------------- */

static int feed_posts(struct store *s, enum stmt_id id, int64_t key, int limit,
		      post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	int n = 1;
	if (id != ST_FEED_NEWEST)
		sqlite3_bind_int64(st, n++, key);
	sqlite3_bind_int(st, n, limit);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

int store_feed_newest(struct store *s, int limit, post_fn fn, void *arg)
{
	return feed_posts(s, ST_FEED_NEWEST, 0, limit, fn, arg);
}

int store_feed_in_category(struct store *s, int64_t category, int limit,
			   post_fn fn, void *arg)
{
	return feed_posts(s, ST_FEED_IN_CATEGORY, category, limit, fn, arg);
}

int store_feed_with_tag(struct store *s, int64_t tag, int limit,
			post_fn fn, void *arg)
{
	return feed_posts(s, ST_FEED_WITH_TAG, tag, limit, fn, arg);
}

int store_sitemap_counts(struct store *s, long *posts, long *categories,
			 long *tags)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITEMAP_COUNTS);
	if (!st)
		return -1;
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*posts = (long)sqlite3_column_int64(st, 0);
		*categories = (long)sqlite3_column_int64(st, 1);
		*tags = (long)sqlite3_column_int64(st, 2);
	} else {
		rc = store_fail(s, "counting");
	}
	sqlite3_reset(st);
	return rc;
}

int store_sitemap_posts(struct store *s, long limit, long offset,
			post_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITEMAP_POSTS);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	return each_row(s, st, each_post, (struct to){.post = fn, .arg = arg});
}

/* A dated row (name, time, offset): to.arg is a struct dated. */
struct dated {
	dated_fn fn;
	void *arg;
};

static int each_dated(sqlite3_stmt *st, const struct to *to)
{
	const struct dated *d = to->arg;
	return d->fn(text(st, 0), sqlite3_column_int64(st, 1),
		     sqlite3_column_int(st, 2), d->arg);
}

static int dated_rows(struct store *s, enum stmt_id id, dated_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, id);
	struct dated d = {fn, arg};
	return st ? each_row(s, st, each_dated, (struct to){.arg = &d}) : -1;
}

int store_sitemap_categories(struct store *s, dated_fn fn, void *arg)
{
	return dated_rows(s, ST_SITEMAP_CATEGORIES, fn, arg);
}

int store_sitemap_tags(struct store *s, dated_fn fn, void *arg)
{
	return dated_rows(s, ST_SITEMAP_TAGS, fn, arg);
}

/* ---- 410 Gone (ui-gone.c) ----------------------------------------------- */

int store_gone_at(struct store *s, const char *day, const char *slug,
		  pair_fn fn, void *arg)
{
	return day_slug_pairs(s, ST_GONE_AT, day, slug, fn, arg);
}

/* 1 when st has a row, 0 when not, -1 on an error. */
static int any_row(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : store_fail(s, "reading");
}

int store_gone_near(struct store *s, const char *slug, const char *categories,
		    const char *day)
{
	sqlite3_stmt *st = store_stmt(s, ST_GONE_NEAR);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (categories)
		sqlite3_bind_text(st, 2, categories, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	return any_row(s, st);
}

int store_gone_code(struct store *s, const char *code)
{
	sqlite3_stmt *st = store_stmt(s, ST_GONE_CODE);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return any_row(s, st);
}

/* The store's site table, read once before it serves (store_check). */
static int count_row(const char *key, const char *value, void *arg)
{
	(void)key, (void)value;
	++*(long *)arg;
	return 0;
}

int store_check(struct store *s, char *why, size_t size)
{
	long rows = 0;
	if (store_site(s, count_row, &rows) < 0 || rows == 0) {
		snprintf(why, size, "its site table cannot be read");
		return -1;
	}
	return 0;
}

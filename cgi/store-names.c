/*
 * store-names.c - every category's display name, by the rule of
 * sql/schema.sql: its tag when no other category has that tag, else its
 * category page's title when no other category has that title, else its
 * slug when it has neither; a category whose label another category
 * also has, or that has none, is shown as its tag (else title, else
 * slug) followed by its slug in fullwidth brackets: "东财滚动新闻（emnews）".
 * The names of all categories are worked out here at once (a few
 * thousand rows), and only those that change are written.
 */
#include "store.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct named {
	int64_t id;
	char *slug, *tag, *title, *was;
	char *name;                  /* the one it gets */
};

static char *dup_column(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? xstrdup(v) : NULL;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The strings of v (NULLs left out), sorted, for counted(). */
static const char **sorted(struct named *v, size_t n, size_t field, size_t *len)
{
	const char **out = xmalloc((n ? n : 1) * sizeof *out);
	*len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = *(char **)((char *)&v[i] + field);
		if (s)
			out[(*len)++] = s;
	}
	qsort(out, *len, sizeof *out, str_cmp);
	return out;
}

/* How many times key is in the sorted list (up to 2: "more than one"). */
static int counted(const char **list, size_t n, const char *key)
{
	const char **at = bsearch(&key, list, n, sizeof *list, str_cmp);
	if (!at)
		return 0;
	return (at > list && !strcmp(at[-1], key)) ||
	       (at + 1 < list + n && !strcmp(at[1], key)) ? 2 : 1;
}

static char *with_slug(const char *label, const char *slug)
{
	struct buf b = {0};
	buf_printf(&b, "%s\xef\xbc\x88%s\xef\xbc\x89", label, slug);
	return buf_steal(&b);
}

/* Each category's label: its tag or title when that tells it apart
 * from the others, its slug when it has neither, else with its slug. */
static void label_all(struct named *v, size_t n)
{
	size_t ntags, ntitles;
	const char **tags = sorted(v, n, offsetof(struct named, tag), &ntags);
	const char **titles = sorted(v, n, offsetof(struct named, title), &ntitles);
	for (size_t i = 0; i < n; i++) {
		struct named *c = &v[i];
		if (c->tag && counted(tags, ntags, c->tag) == 1)
			c->name = xstrdup(c->tag);
		else if (c->title && counted(titles, ntitles, c->title) == 1)
			c->name = xstrdup(c->title);
		else if (!c->tag && !c->title)
			c->name = xstrdup(c->slug);
		else
			c->name = with_slug(c->tag ? c->tag : c->title, c->slug);
	}
	free(tags);
	free(titles);
}

/* Names that two categories share (a tag one has that is the title of
 * another, say) get the slug added, until none is shared; 1 when one
 * had to change. */
static int part_shared(struct named *v, size_t n)
{
	size_t len;
	const char **names = sorted(v, n, offsetof(struct named, name), &len);
	int *shared = xmalloc((n ? n : 1) * sizeof *shared), any = 0;
	for (size_t i = 0; i < n; i++)
		any |= shared[i] = counted(names, len, v[i].name) > 1;
	free(names);
	for (size_t i = 0; i < n; i++) {
		if (!shared[i])
			continue;
		char *longer = with_slug(v[i].name, v[i].slug);
		free(v[i].name);
		v[i].name = longer;
	}
	free(shared);
	return any;
}

/* As a last resort (16 rounds did not part them): the id, which no
 * other category has. */
static void part_by_id(struct named *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b = {0};
		buf_printf(&b, "%s #%lld", v[i].name, (long long)v[i].id);
		free(v[i].name);
		v[i].name = buf_steal(&b);
	}
}

static int read_all(struct store *s, struct named **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_NAMES);
	if (!st)
		return -1;
	struct named *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		memset(&v[n], 0, sizeof *v);
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].slug = dup_column(st, 1);
		v[n].tag = dup_column(st, 2);
		v[n].title = dup_column(st, 3);
		v[n].was = dup_column(st, 4);
		n++;
	}
	sqlite3_reset(st);
	*out = v;
	*count = n;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading the categories");
}

static int write_changed(struct store *s, const struct named *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].was && !strcmp(v[i].was, v[i].name))
			continue;
		sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_SET_NAME);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, v[i].id);
		sqlite3_bind_text(st, 2, v[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_fail(s, "naming a category");
	}
	return 0;
}

int store_name_categories(struct store *s)
{
	struct named *v = NULL;
	size_t n = 0;
	int rc = read_all(s, &v, &n);
	if (rc == 0) {
		label_all(v, n);
		int rounds = 0;
		while (part_shared(v, n) && ++rounds < 16)
			;
		if (rounds == 16)
			part_by_id(v, n);
		rc = write_changed(s, v, n);
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].slug);
		free(v[i].tag);
		free(v[i].title);
		free(v[i].was);
		free(v[i].name);
	}
	free(v);
	s->renamed = 0;
	return rc;
}

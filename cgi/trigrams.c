/*
 * trigrams.c - the trigrams of a text, as the search index cuts them, and
 * which of them this run has not met before.
 *
 * finews-import lists every trigram of the search index in the table
 * search_trigrams (sql/schema.sql), so that a one- or two-character word
 * finds the trigrams that start with it in one B-tree range (search.c).
 * The text goes through the index's own tokenizer (FTS5's "trigram",
 * found through the fts5_api), so the list holds exactly the index's
 * terms, case folded as it folds them.  A set in memory remembers the
 * trigrams met in this run, so that each is written once, not once per
 * post; past TRIGRAMS_SEEN_MAX it starts again empty (the table ignores
 * a trigram it already has).
 */
#include "trigrams.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util.h"

#define TRIGRAMS_SEEN_MAX (1 << 20)  /* remembered trigrams (32 MB of slots) */

struct slot {
	unsigned char len;   /* 0: empty */
	char s[15];          /* a trigram: 3 characters, up to 12 bytes */
};

struct trigrams {
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
	struct slot *slot;
	size_t cap, n;       /* slots (a power of two), used */
	trigram_fn fn;       /* while tokenizing: the caller's */
	void *arg;
	int rc;
};

static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

struct trigrams *trigrams_new(sqlite3 *db)
{
	fts5_api *api = fts5_of(db);
	struct trigrams *t = xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	void *udata;
	if (!api || api->xFindTokenizer(api, "trigram", &udata, &t->api) != SQLITE_OK ||
	    t->api.xCreate(udata, NULL, 0, &t->tok) != SQLITE_OK) {
		free(t);
		return NULL;
	}
	return t;
}

void trigrams_free(struct trigrams *t)
{
	if (!t)
		return;
	t->api.xDelete(t->tok);
	free(t->slot);
	free(t);
}

static struct slot *find(struct slot *v, size_t cap, const char *s, size_t n)
{
	size_t i = (size_t)XXH3_64bits(s, n) & (cap - 1);
	while (v[i].len && (v[i].len != n || memcmp(v[i].s, s, n)))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* Grow the table; when it holds TRIGRAMS_SEEN_MAX, empty it instead. */
static void make_room(struct trigrams *t)
{
	if (t->n < t->cap / 2)
		return;
	if (t->n >= TRIGRAMS_SEEN_MAX) {
		memset(t->slot, 0, t->cap * sizeof *t->slot);
		t->n = 0;
		return;
	}
	size_t cap = t->cap ? t->cap * 2 : 4096;
	struct slot *v = xmalloc(cap * sizeof *v);
	memset(v, 0, cap * sizeof *v);
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].len)
			*find(v, cap, t->slot[i].s, t->slot[i].len) = t->slot[i];
	free(t->slot);
	t->slot = v;
	t->cap = cap;
}

/* 1 the first time this run meets s[0..n), else 0. */
static int first_time(struct trigrams *t, const char *s, size_t n)
{
	if (n == 0 || n > sizeof t->slot->s)
		return n != 0;   /* no trigram is this long: never remembered */
	make_room(t);
	struct slot *e = find(t->slot, t->cap, s, n);
	if (e->len)
		return 0;
	e->len = (unsigned char)n;
	memcpy(e->s, s, n);
	t->n++;
	return 1;
}

static int token(void *arg, int flags, const char *s, int n, int start, int end)
{
	(void)flags, (void)start, (void)end;
	struct trigrams *t = arg;
	if (n > 0 && first_time(t, s, (size_t)n) && t->fn(s, (size_t)n, t->arg) < 0) {
		t->rc = -1;
		return SQLITE_ABORT;   /* stops the tokenizer */
	}
	return SQLITE_OK;
}

int trigrams_each_new(struct trigrams *t, const char *text, size_t len,
		      trigram_fn fn, void *arg)
{
	if (len > 0x7fffffff)
		return -1;
	t->fn = fn;
	t->arg = arg;
	t->rc = 0;
	int rc = t->api.xTokenize(t->tok, t, FTS5_TOKENIZE_DOCUMENT, text,
				  (int)len, token);
	return t->rc < 0 || (rc != SQLITE_OK && rc != SQLITE_ABORT) ? -1 : 0;
}

/*
 * search.h - a reader's query, made into an FTS5 query over the trigram
 * index (see sql/schema.sql), the words every result must hold, and the
 * snippet that shows where they are.
 */
#ifndef FINEWS_SEARCH_H
#define FINEWS_SEARCH_H

#include <stddef.h>
#include <sqlite3.h>

#include "store.h"

#define SEARCH_QUERY_MAX 200   /* characters of a query that are used */
#define SEARCH_WORDS_MAX 8
#define SEARCH_TERMS_MAX 1000  /* trigrams standing for a 1-2 character word */

struct search {
	char *text;                     /* the query as used: cut, one space */
	char *words[SEARCH_WORDS_MAX];  /* ASCII lowercased */
	size_t nwords;
	char *check;                    /* the words the index cannot match
					   exactly (4 characters or more),
					   joined by '\x1f'; NULL: none */
	char *match;                    /* FTS5 MATCH, NULL: see scan */
	int scan;                       /* with match NULL: 1 when every post
					   is to be checked (see search.c),
					   0 when nothing can match */
};

/* Make q into *out; 0, or -1 when the store failed.  A query of only
 * spaces gives nwords == 0.  Every word is quoted, so FTS5 syntax in q
 * is plain text. */
int search_parse(struct store *s, const char *q, struct search *out);
void search_free(struct search *q);

/* Register finews_has(text, words) on db: 1 when text holds every word. */
int search_register(sqlite3 *db);

/* Hand the snippet of text around the first word found to piece(),
 * in pieces, hit != 0 for a word; about width characters. */
void search_snippet(const struct search *q, const char *text, size_t width,
		    void (*piece)(const char *s, size_t n, int hit, void *arg),
		    void *arg);

#endif

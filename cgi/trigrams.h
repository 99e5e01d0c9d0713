/*
 * trigrams.h - the trigrams of a text, as the search index cuts them, and
 * which of them this run meets for the first time (see trigrams.c).
 */
#ifndef FINEWS_TRIGRAMS_H
#define FINEWS_TRIGRAMS_H

#include <stddef.h>
#include <sqlite3.h>

struct trigrams;

/* 0, or -1 to stop. */
typedef int (*trigram_fn)(const char *term, size_t len, void *arg);

/* The FTS5 trigram tokenizer of db; NULL when db has no FTS5. */
struct trigrams *trigrams_new(sqlite3 *db);
void trigrams_free(struct trigrams *t);

/* Call fn for each trigram of text[0..len) not met before; 0, or -1 when
 * fn or the tokenizer failed. */
int trigrams_each_new(struct trigrams *t, const char *text, size_t len,
		      trigram_fn fn, void *arg);

#endif

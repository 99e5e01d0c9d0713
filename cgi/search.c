/*
 * search.c - from a reader's query to an FTS5 query.
 *
 * The index (sql/schema.sql) holds trigrams, with detail=none.  A word of
 * three characters or more becomes the AND of its trigrams; a word of one
 * or two characters, which trigrams cannot match, becomes the OR of the
 * indexed trigrams that start with it (every text ends with two spaces,
 * so each of its characters starts one).
 *
 * For a word of one to three characters the index's answer is exact, and
 * the stored text is not read at all.  For a word of four characters or
 * more it is a superset (the trigrams may lie apart in a text), and
 * finews_has() checks the stored text.  Counting the results of a short word
 * is then a walk of the index alone, which stays fast however large the
 * archive grows (`make bench-scale`).
 *
 * A character so common that SEARCH_TERMS_MAX trigrams start with it is
 * left out of the MATCH and checked in the text instead; a query of only
 * such words (say, 的) reads the newest posts in turn, most of which hold
 * it.  Results are always exact.
 */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_space_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    (unsigned char)*s < 0x20) {
		*len = 1;
		return 1;
	}
	if (!strncmp(s, "\xe3\x80\x80", 3)) {   /* U+3000 ideographic space */
		*len = 3;
		return 1;
	}
	return 0;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Code points in s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Byte offset of code point i in s. */
static size_t char_at(const char *s, size_t i)
{
	size_t off = 0;
	while (s[off] && i) {
		off++;
		while (((unsigned char)s[off] & 0xc0) == 0x80)
			off++;
		i--;
	}
	return off;
}

/* Split q (cut to SEARCH_QUERY_MAX characters) into words and text. */
static void split(const char *q, struct search *out)
{
	struct buf text = {0};
	size_t n = strlen(q);
	n = char_at(q, SEARCH_QUERY_MAX) < n ? char_at(q, SEARCH_QUERY_MAX) : n;
	size_t i = 0, sp;
	while (i < n) {
		while (i < n && is_space_at(q + i, &sp))
			i += sp;
		size_t start = i;
		while (i < n && !is_space_at(q + i, &sp))
			i++;
		if (i == start)
			break;
		if (text.len)
			buf_addc(&text, ' ');
		buf_add(&text, q + start, i - start);
		if (out->nwords < SEARCH_WORDS_MAX) {
			char *w = xstrndup(q + start, i - start);
			for (char *c = w; *c; c++)
				*c = lower(*c);
			out->words[out->nwords++] = w;
		}
	}
	out->text = buf_steal(&text);
}

/* Add "term" to an FTS5 query, quoted. */
static void add_quoted(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

/* A long word: the AND of its trigrams. */
static void add_trigrams(struct buf *m, const char *w)
{
	size_t n = chars(w, strlen(w));
	buf_addc(m, '(');
	for (size_t i = 0; i + 3 <= n; i++) {
		size_t a = char_at(w, i), b = char_at(w, i + 3);
		if (i)
			buf_adds(m, " AND ");
		add_quoted(m, w + a, b - a);
	}
	buf_addc(m, ')');
}

struct terms {
	struct buf *m;
	int n;
};

static int add_term(const char *term, const char *unused, void *arg)
{
	(void)unused;
	struct terms *t = arg;
	buf_adds(t->m, t->n++ ? " OR " : "(");
	add_quoted(t->m, term, strlen(term));
	return 0;
}

/* A short word: the OR of the indexed trigrams that start with it, in *m.
 * The number of them (SEARCH_TERMS_MAX: that many or more), or -1 when
 * the store failed. */
static int add_prefixed(struct store *s, struct buf *m, const char *w)
{
	size_t n = strlen(w);
	char *to = xstrdup(w);
	to[n - 1] = (char)(to[n - 1] + 1);   /* the last byte is never 0xff */
	struct terms t = {m, 0};
	int rc = store_search_terms(s, w, to, SEARCH_TERMS_MAX, add_term, &t);
	free(to);
	if (rc < 0)
		return -1;
	if (t.n)
		buf_addc(m, ')');
	return t.n;
}

static void add_check(struct buf *check, const char *w)
{
	if (check->len)
		buf_addc(check, '\x1f');
	buf_adds(check, w);
}

int search_parse(struct store *s, const char *q, struct search *out)
{
	memset(out, 0, sizeof *out);
	split(q ? q : "", out);
	struct buf m = {0}, check = {0};
	int rc = 0, none = 0;
	for (size_t i = 0; i < out->nwords && rc == 0; i++) {
		const char *w = out->words[i];
		size_t n = chars(w, strlen(w));
		struct buf part = {0};
		if (n >= 4)
			add_check(&check, w);
		if (n >= 3) {
			add_trigrams(&part, w);
		} else if ((rc = add_prefixed(s, &part, w)) == 0) {
			none = 1;
		} else if (rc >= SEARCH_TERMS_MAX) {   /* too common to OR */
			add_check(&check, w);
			part.len = 0;
		}
		if (part.len) {
			if (m.len)
				buf_adds(&m, " AND ");
			buf_add(&m, part.s, part.len);
		}
		buf_free(&part);
		rc = rc < 0 ? -1 : 0;
	}
	if (check.len)
		out->check = buf_steal(&check);
	buf_free(&check);
	if (rc == 0 && out->nwords && !none) {
		if (m.len)
			out->match = buf_steal(&m);
		else
			out->scan = 1;
	}
	buf_free(&m);
	return rc;
}

void search_free(struct search *q)
{
	for (size_t i = 0; i < q->nwords; i++)
		free(q->words[i]);
	free(q->text);
	free(q->check);
	free(q->match);
	memset(q, 0, sizeof *q);
}

/* The first place word (lowercase) is in s[0..n), ignoring ASCII case. */
static const char *find_word(const char *s, size_t n, const char *w, size_t wn)
{
	if (!wn || wn > n)
		return NULL;
	for (size_t i = 0; i + wn <= n; i++) {
		size_t k = 0;
		while (k < wn && lower(s[i + k]) == w[k])
			k++;
		if (k == wn)
			return s + i;
	}
	return NULL;
}

static void has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	const char *words = (const char *)sqlite3_value_text(argv[1]);
	if (!text || !words) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	size_t n = strlen(text);
	for (const char *w = words; *w; ) {
		size_t wn = strcspn(w, "\x1f");
		if (!find_word(text, n, w, wn)) {
			sqlite3_result_int(ctx, 0);
			return;
		}
		w += wn + (w[wn] == '\x1f');
	}
	sqlite3_result_int(ctx, 1);
}

int search_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "finews_has", 2,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
		NULL, has, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The first word found in s[0..n) at or after s: where, and which. */
static const char *next_hit(const struct search *q, const char *s, size_t n,
			    size_t *len)
{
	const char *best = NULL;
	for (size_t i = 0; i < q->nwords; i++) {
		size_t wn = strlen(q->words[i]);
		const char *at = find_word(s, n, q->words[i], wn);
		if (at && (!best || at < best || (at == best && wn > *len))) {
			best = at;
			*len = wn;
		}
	}
	return best;
}

void search_snippet(const struct search *q, const char *text, size_t width,
		    void (*piece)(const char *s, size_t n, int hit, void *arg),
		    void *arg)
{
	const char *body = strchr(text, '\n');   /* after the title */
	body = body ? body + 1 : text;
	size_t n = strlen(body), wn = 0;
	while (n && body[n - 1] == ' ')
		n--;
	const char *first = next_hit(q, body, n, &wn);
	size_t start = 0;
	if (first) {   /* a third of the width before the first hit */
		size_t before = chars(body, (size_t)(first - body));
		start = before > width / 3 ? char_at(body, before - width / 3) : 0;
	}
	const char *s = body + start;
	size_t len = char_at(s, width);
	len = len < n - start ? len : n - start;
	if (start)
		piece("…", strlen("…"), 0, arg);
	for (const char *end = s + len; s < end; ) {
		const char *hit = next_hit(q, s, (size_t)(end - s), &wn);
		if (!hit) {
			piece(s, (size_t)(end - s), 0, arg);
			break;
		}
		if (hit > s)
			piece(s, (size_t)(hit - s), 0, arg);
		piece(hit, wn, 1, arg);
		s = hit + wn;
	}
	if (start + len < n)
		piece("…", strlen("…"), 0, arg);
}

/*
 * store-import.c - the writes finews-import makes: files, posts, their
 * categories and tags, and the categories' display names.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "trigrams.h"
#include "util.h"

int store_site_set(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITE_SET);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "saving the site");
	return sqlite3_changes(s->db) > 0;
}

char *store_site_get(struct store *s, const char *key)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITE_GET);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return v;
}

int store_site_modified(struct store *s, int64_t t)
{
	sqlite3_stmt *st = store_stmt(s, ST_SITE_MODIFIED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "saving the time");
}

int store_import_finished(struct store *s, int64_t t, const char *result)
{
	char when[24];
	snprintf(when, sizeof when, "%lld", (long long)t);
	return store_site_set(s, "import_finished", when) < 0 ||
	       store_site_set(s, "import_result", result) < 0 ? -1 : 0;
}

/* What statement id keeps of path into *f (its size, mtime, hash and,
 * with_post, the post id in the fourth column): 1, 0 when nothing, -1. */
static int file_state_of(struct store *s, enum stmt_id id, const char *path,
			 struct file_state *f, int with_post, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(s, what);
	memset(f, 0, sizeof *f);
	f->size = sqlite3_column_int64(st, 0);
	f->mtime = sqlite3_column_int64(st, 1);
	const void *h = sqlite3_column_blob(st, 2);
	if (h && sqlite3_column_bytes(st, 2) == (int)sizeof f->hash)
		memcpy(f->hash, h, sizeof f->hash);
	if (with_post)
		f->post_id = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return 1;
}

int store_file_get(struct store *s, const char *path, struct file_state *f)
{
	return file_state_of(s, ST_FILE_GET, path, f, 1, "reading a file's state");
}

/* Parameters 1 to 4 of a statement that saves a file's state. */
static void bind_file_state(sqlite3_stmt *st, const char *path,
			    const struct file_state *f)
{
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, f->size);
	sqlite3_bind_int64(st, 3, f->mtime);
	sqlite3_bind_blob(st, 4, f->hash, sizeof f->hash, SQLITE_STATIC);
}

int store_file_put(struct store *s, const char *path, const struct file_state *f)
{
	sqlite3_stmt *st = store_stmt(s, ST_FILE_PUT);
	if (!st)
		return -1;
	bind_file_state(st, path, f);
	sqlite3_bind_int64(st, 5, f->post_id);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "saving a file");
}

int store_file_touch(struct store *s, const char *path, int64_t size, int64_t mtime)
{
	sqlite3_stmt *st = store_stmt(s, ST_FILE_TOUCH);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, mtime);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "saving a file");
}

int store_post_by_code(struct store *s, const char *code, int64_t *id, char **path)
{
	sqlite3_stmt *st = store_stmt(s, ST_POST_BY_CODE);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(s, "looking up an infoCode");
	*id = sqlite3_column_int64(st, 0);
	*path = xstrdup((const char *)sqlite3_column_text(st, 1));
	return 1;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? xstrdup(v) : NULL;
}

static void mark(struct idset *set, int64_t id)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i] == id)
			return;
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n++] = id;
}

/*
 * A small memory of the categories and tags met in this run, so the
 * usual post (one category, one tag, both seen before) costs no lookup.
 * Keys are "c:slug" and "t:name".  A category's display name can only
 * change in store_finish(), which forgets them all.
 */
static struct name_id *recall(struct store *s, char kind, const char *name)
{
	for (size_t i = 0; i < s->nknown; i++)
		if (s->known[i].key[0] == kind && !strcmp(s->known[i].key + 2, name))
			return &s->known[i];
	return NULL;
}

static void remember(struct store *s, char kind, const char *key,
		     const char *name, int64_t id)
{
	if (s->nknown == sizeof s->known / sizeof *s->known)
		return;
	struct buf b = {0};
	buf_printf(&b, "%c:%s", kind, key);
	struct name_id *k = &s->known[s->nknown++];
	k->key = buf_steal(&b);
	k->name = name ? xstrdup(name) : NULL;
	k->id = id;
}

/* Find or make the category slug; *tag gets the tag its posts share
 * (NULL when none). */
static int64_t category_id(struct store *s, const char *slug, char **tag)
{
	struct name_id *k = recall(s, 'c', slug);
	if (k) {
		*tag = k->name ? xstrdup(k->name) : NULL;
		return k->id;
	}
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_ADD);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "adding a category");
	st = store_stmt(s, ST_CATEGORY_ID);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, "finding a category");
	int64_t id = sqlite3_column_int64(st, 0);
	*tag = column_dup(st, 1);
	remember(s, 'c', slug, *tag, id);
	return id;
}

static int64_t tag_id(struct store *s, const char *name)
{
	struct name_id *k = recall(s, 't', name);
	if (k)
		return k->id;
	sqlite3_stmt *st = store_stmt(s, ST_TAG_ADD);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "adding a tag");
	st = store_stmt(s, ST_TAG_ID);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, "finding a tag");
	int64_t id = sqlite3_column_int64(st, 0);
	remember(s, 't', name, NULL, id);
	return id;
}

/*
 * The rank the post gets in a category or tag (see sql/schema.sql): one
 * past the top when it is the newest, as a new post nearly always is;
 * else the same, and the list is ranked again at the end of the run.
 */
static int64_t next_rank(struct store *s, int tag, int64_t list, int64_t post,
			 int64_t published)
{
	sqlite3_stmt *st = store_stmt(s, tag ? ST_TAG_TOP : ST_CATEGORY_TOP);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, list);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(s, "ranking a post");
	int64_t top = sqlite3_column_int64(st, 0);
	int64_t t = sqlite3_column_int64(st, 1), id = sqlite3_column_int64(st, 2);
	if (published < t || (published == t && post < id))
		mark(tag ? &s->unranked_tags : &s->unranked_categories, list);
	return top + 1;
}

static int link_post(struct store *s, enum stmt_id id, int64_t post, int64_t other,
		     int64_t published)
{
	int64_t rank = next_rank(s, id == ST_POST_TAG_ADD, other, post, published);
	if (rank < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, post);
	sqlite3_bind_int64(st, 2, other);
	sqlite3_bind_int64(st, 3, published);
	sqlite3_bind_int64(st, 4, rank);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "linking a post");
}

/* The post's categories (or tags) will have a gap: rank them again. */
static int unrank(struct store *s, int tag, int64_t post)
{
	sqlite3_stmt *st = store_stmt(s, tag ? ST_POST_TAG_IDS : ST_POST_CATEGORY_IDS);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, post);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mark(tag ? &s->unranked_tags : &s->unranked_categories,
		     sqlite3_column_int64(st, 0));
	return rc == SQLITE_DONE ? 0 : store_fail(s, "ranking a post");
}

static int clear_links(struct store *s, enum stmt_id id, int64_t post)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, post);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "unlinking a post");
}

static int has_tag(const struct post *p, const char *tag)
{
	if (!tag)
		return 0;
	for (size_t i = 0; i < p->tags.n; i++)
		if (strcmp(p->tags.v[i], tag) == 0)
			return 1;
	return 0;
}

/* Find or make each of the post's categories, into ids[]; a category
 * whose shared tag this post lacks, or any category of an updated post,
 * has its tag found again at the end of the run. */
static int resolve_categories(struct store *s, const struct post *p, int updated,
			      int64_t *ids)
{
	for (size_t i = 0; i < p->categories.n; i++) {
		char *tag = NULL;
		ids[i] = category_id(s, p->categories.v[i], &tag);
		if (ids[i] < 0)
			return -1;
		if (updated || !has_tag(p, tag))
			mark(&s->unnamed, ids[i]);
		free(tag);
	}
	return 0;
}

static int save_categories(struct store *s, const struct post *p, int64_t post,
			   int updated, const int64_t *ids)
{
	if (updated && (unrank(s, 0, post) < 0 ||
			clear_links(s, ST_POST_CATEGORIES_CLEAR, post) < 0))
		return -1;
	for (size_t i = 0; i < p->categories.n; i++)
		if (link_post(s, ST_POST_CATEGORY_ADD, post, ids[i], p->published) < 0)
			return -1;
	return 0;
}

static int save_tags(struct store *s, const struct post *p, int64_t post, int updated)
{
	if (updated && (unrank(s, 1, post) < 0 ||
			clear_links(s, ST_POST_TAGS_CLEAR, post) < 0))
		return -1;
	for (size_t i = 0; i < p->tags.n; i++) {
		int64_t t = tag_id(s, p->tags.v[i]);
		if (t < 0 || link_post(s, ST_POST_TAG_ADD, post, t, p->published) < 0)
			return -1;
	}
	return 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_post(sqlite3_stmt *st, const struct post *p, const char *path,
		      const char *category_path, int64_t category)
{
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, category_path, -1, SQLITE_STATIC);
	if (category)
		sqlite3_bind_int64(st, 5, category);
	sqlite3_bind_text(st, 6, p->title, -1, SQLITE_STATIC);
	bind_opt(st, 7, p->layout);
	sqlite3_bind_int64(st, 8, p->published);
	sqlite3_bind_int(st, 9, p->utc_offset);
	bind_opt(st, 10, p->info_code);
	bind_opt(st, 11, p->source_url);
	bind_opt(st, 12, p->source_name);
	sqlite3_bind_text(st, 13, p->summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, p->front_matter, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, p->body_md, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, p->body_html, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 19, p->date_only);
	sqlite3_bind_int(st, 20, p->zone_offset);
}

static int save_entry(struct store *s, const struct entry *e, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, ST_ENTRY_PUT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, e->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->folder, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->format, -1, SQLITE_STATIC);
	bind_opt(st, 6, e->front_matter);
	sqlite3_bind_int(st, 7, e->fm_line);
	sqlite3_bind_int(st, 8, e->fm_seen);
	sqlite3_bind_text(st, 9, e->body ? e->body : "", -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0
		: store_fail(s, "saving a post's entry");
}

int store_entry_pair(struct store *s, const struct entry *e, int64_t *id)
{
	if (strcmp(e->folder, "_posts") && strcmp(e->folder, "old_post"))
		return 0;
	sqlite3_stmt *st = store_stmt(s, ST_ENTRY_PAIR);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, e->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->folder, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(s, "finding an archived post");
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 1;
}

static char *entry_column(struct store *s, int64_t id, int column)
{
	sqlite3_stmt *st = store_stmt(s, ST_ENTRY_FOLDER);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	char *v = sqlite3_step(st) == SQLITE_ROW
		? xstrdup((const char *)sqlite3_column_text(st, column)) : NULL;
	sqlite3_reset(st);
	return v;
}

char *store_entry_folder(struct store *s, int64_t id)
{
	return entry_column(s, id, 0);
}

char *store_entry_key(struct store *s, int64_t id)
{
	return entry_column(s, id, 1);
}

/* Read in batches (each read first, then handed out): fn may write. */
int store_entries(struct store *s, int64_t after, int limit, entry_fn fn,
		  void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_ENTRIES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, limit);
	struct row { int64_t id; char *path; struct entry e; } *v =
		xmalloc((size_t)limit * sizeof *v);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct row *r = &v[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->path = column_dup(st, 1);
		r->e.source = source_named((const char *)sqlite3_column_text(st, 2));
		r->e.key = column_dup(st, 3);
		r->e.folder = column_dup(st, 4);
		r->e.format = column_dup(st, 5);
		r->e.front_matter = column_dup(st, 6);
		r->e.fm_line = sqlite3_column_int(st, 7);
		r->e.fm_seen = sqlite3_column_int(st, 8);
		r->e.body = column_dup(st, 9);
	}
	sqlite3_reset(st);
	rc = n == limit || rc == SQLITE_DONE ? 0
		: store_fail(s, "reading the stored entries");
	for (int i = 0; i < n; i++) {
		if (rc == 0 && v[i].e.source && v[i].e.key)
			rc = fn(v[i].id, v[i].path, &v[i].e, arg);
		free(v[i].path);
		entry_free(&v[i].e);
	}
	free(v);
	return rc < 0 ? -1 : n;
}

static char *join_categories(const struct post *p)
{
	struct buf b = {0};
	for (size_t i = 0; i < p->categories.n; i++) {
		if (i)
			buf_addc(&b, '/');
		buf_adds(&b, p->categories.v[i]);
	}
	return buf_steal(&b);
}

/* The post's search key and time now, when it has one: 1, 0 or -1. */
static int old_key(struct store *s, int64_t id, int64_t *sk, int64_t *published)
{
	sqlite3_stmt *st = store_stmt(s, ST_POST_SK);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a post");
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		return 0;
	*sk = sqlite3_column_int64(st, 0);
	*published = sqlite3_column_int64(st, 1);
	return 1;
}

/*
 * New search rows wait in a temporary table and go into the index in
 * batches, in key order: FTS5 writes each statement's rows to disk at
 * once, so one row per statement would cost four times as much.
 */
#define SEARCH_BATCH 4096
#define SEARCH_BATCH_BYTES (16 << 20)  /* or this much text: the waiting
					  rows are held in memory */

int store_search_flush(struct store *s)
{
	if (!s->npending)
		return 0;
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_FLUSH);
	if (!st || sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "indexing posts");
	st = store_stmt(s, ST_SEARCH_PENDING_CLEAR);
	if (!st || sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "indexing posts");
	s->npending = 0;
	s->pending_bytes = 0;
	return 0;
}

static int search_delete(struct store *s, int64_t sk)
{
	if (store_search_flush(s) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_DELETE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sk);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "unindexing a post");
}

static int trigram_add(const char *term, size_t len, void *arg)
{
	struct store *s = arg;
	sqlite3_stmt *st = store_stmt(s, ST_TRIGRAM_ADD);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, term, (int)len, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "listing trigrams");
}

/* The indexed text: title and body, then two spaces so that every
 * character starts a trigram (see sql/schema.sql).  Its trigrams not yet
 * in search_trigrams go there (see trigrams.c). */
static int search_insert(struct store *s, int64_t sk, const char *title,
			 const char *text)
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_INSERT);
	if (!st)
		return -1;
	struct buf b = {0};
	buf_printf(&b, "%s\n%s  ", title, text);
	sqlite3_bind_int64(st, 1, sk);
	sqlite3_bind_text(st, 2, b.s, (int)b.len, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "indexing a post");
	if (rc == 0 && !s->trigrams && !(s->trigrams = trigrams_new(s->db)))
		rc = store_fail(s, "finding the trigram tokenizer");
	if (rc == 0)
		rc = trigrams_each_new(s->trigrams, b.s, b.len, trigram_add, s);
	s->pending_bytes += b.len;
	buf_free(&b);
	s->nindexed++;
	if (rc == 0 && (++s->npending >= SEARCH_BATCH ||
			s->pending_bytes >= SEARCH_BATCH_BYTES))
		rc = store_search_flush(s);
	return rc;
}

/* A search key for a post published at t: the next free one of its second. */
static int64_t next_key(struct store *s, int64_t t)
{
	sqlite3_stmt *st = store_stmt(s, ST_SK_NEXT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, "numbering a post");
	int64_t sk = sqlite3_column_int64(st, 0);
	if (sk - t * 65536 > 65535) {
		log_error("finews: over 65536 posts in one second");
		return -1;
	}
	return sk;
}

/* The stream is to be ranked again from search key sk up. */
static void restream_from(struct store *s, int64_t sk)
{
	if (!s->restream || sk < s->stream_from)
		s->stream_from = sk;
	s->restream = 1;
}

/* Take the post out of the index and give it the key it will have. */
static int rekey(struct store *s, const struct post *p, int64_t id, int64_t *sk)
{
	int64_t old = 0, published = 0;
	int had = id ? old_key(s, id, &old, &published) : 0;
	if (had < 0 || (had && search_delete(s, old) < 0))
		return -1;
	if (had && published == p->published) {
		*sk = old;
		return 0;
	}
	if (had)
		restream_from(s, old);
	*sk = next_key(s, p->published);
	if (*sk != -1)
		restream_from(s, *sk);
	return *sk == -1 ? -1 : 0;
}

int store_post_save(struct store *s, const struct post *p,
		    const struct entry *e, const char *path, int64_t *id)
{
	int updated = *id != 0;
	s->recount = 1;
	char *cpath = join_categories(p);
	int64_t *cats = xmalloc((p->categories.n + 1) * sizeof *cats);
	int64_t sk;
	int rc = -1;
	if (resolve_categories(s, p, updated, cats) < 0 || rekey(s, p, *id, &sk) < 0)
		goto out;
	sqlite3_stmt *st = store_stmt(s, updated ? ST_POST_UPDATE : ST_POST_INSERT);
	if (!st)
		goto out;
	bind_post(st, p, path, cpath, p->categories.n ? cats[0] : 0);
	if (updated)
		sqlite3_bind_int64(st, 17, *id);
	sqlite3_bind_int64(st, 18, sk);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_fail(s, "saving a post");
		goto out;
	}
	if (!updated)
		*id = sqlite3_last_insert_rowid(s->db);
	if ((e && save_entry(s, e, *id) < 0) ||
	    save_categories(s, p, *id, updated, cats) < 0 ||
	    save_tags(s, p, *id, updated) < 0 ||
	    search_insert(s, sk, p->title, p->body_text ? p->body_text : "") < 0)
		goto out;
	rc = 0;
out:
	free(cats);
	free(cpath);
	return rc;
}

int store_post_drop_orphan(struct store *s, int64_t id)
{
	long files = store_post_file_count(s, id);
	if (files != 0)
		return files < 0 ? -1 : 0;
	char *text;
	int rc = store_post_delete(s, id, &text);
	free(text);
	return rc;
}

/* A category's tag: the one all its posts carry, if any. */
static int find_tag(struct store *s, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_SHARED_TAG);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "finding a category's tag");
	char *tag = rc == SQLITE_ROW ? column_dup(st, 0) : NULL;
	st = store_stmt(s, ST_CATEGORY_SET_TAG);
	if (!st) {
		free(tag);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	bind_opt(st, 2, tag);
	rc = sqlite3_step(st);
	free(tag);
	if (rc != SQLITE_DONE)
		return store_fail(s, "saving a category's tag");
	s->renamed |= sqlite3_changes(s->db) > 0;
	return 0;
}

/* After an upgrade from a store without tags and counts: every
 * category's tag is found, and its counts and name are due. */
static int fill_categories(struct store *s)
{
	if (s->upgraded_from == 0 || s->upgraded_from >= 8)
		return 0;
	s->upgraded_from = STORE_VERSION;   /* once per run */
	sqlite3_stmt *st = store_stmt(s, ST_CATEGORY_ALL_IDS);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mark(&s->unnamed, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	s->recount = s->renamed = 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, "listing the categories");
}

static int run_stmt(struct store *s, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, what);
	return sqlite3_changes(s->db);
}

/* The categories the pages name are made, and each takes its page's
 * title (the first page's, by path, when several name it). */
static int pages_to_categories(struct store *s)
{
	int titled;
	if (run_stmt(s, ST_CATEGORY_FROM_PAGES, "adding the pages' categories") < 0 ||
	    (titled = run_stmt(s, ST_CATEGORY_TITLES, "titling the categories")) < 0)
		return -1;
	s->pages_changed = 0;
	s->recount = 1;   /* a category without posts or page goes */
	s->renamed |= titled > 0;
	return 0;
}

/* Every category's post count, newest post, recent posts and place in
 * the menu, from the ranks; the categories left with neither posts nor
 * a page go.  Only rows whose values change are written. */
static int recount(struct store *s)
{
	if (run_stmt(s, ST_CATEGORY_COUNTS, "counting the categories' posts") < 0 ||
	    run_stmt(s, ST_CATEGORY_RECENT, "counting recent posts") < 0 ||
	    run_stmt(s, ST_CATEGORY_DROP_UNUSED, "dropping unused categories") < 0 ||
	    run_stmt(s, ST_CATEGORY_MENU, "placing categories in the menu") < 0)
		return -1;
	s->renamed = 1;   /* a category may have come or gone */
	s->recount = 0;
	return 0;
}

static int rerank(struct store *s, enum stmt_id id, struct idset *set)
{
	for (size_t i = 0; i < set->n; i++) {
		sqlite3_stmt *st = store_stmt(s, id);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, set->v[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_fail(s, "ranking posts");
	}
	set->n = 0;
	return 0;
}

/*
 * The index grows by segments: one per batch, merged four at a time by
 * FTS5 as they pile up, so a large import leaves a dozen.  A query reads
 * each of its terms in every segment, and from the newest end that costs
 * a seek per segment and term: at 1,000,000 posts a two-character word
 * (28 terms) took 2.5 ms over 12 segments and 0.55 ms over one.  So a run
 * that indexed a batch or more, or that finds more than SEARCH_SEGMENTS_MAX
 * segments, merges the index into one (10 s at 1,000,000 posts, 1 s at
 * 100,000); a run of a few new posts adds a small segment and stays fast.
 */
#define SEARCH_SEGMENTS_MAX 16

static int search_tidy(struct store *s)
{
	if (s->nindexed < SEARCH_BATCH) {
		sqlite3_stmt *st = store_stmt(s, ST_SEARCH_SEGMENTS);
		if (!st || sqlite3_step(st) != SQLITE_ROW)
			return store_fail(s, "counting the index's segments");
		int segments = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (segments <= SEARCH_SEGMENTS_MAX)
			return 0;
	}
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_OPTIMIZE);
	if (!st || sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "merging the search index");
	s->nindexed = 0;
	return 0;
}

/*
 * The stream (sql/schema.sql) ranked again from the oldest search key a
 * run added, moved or removed: the ranks below it stand; a run of new
 * posts, newer than all, ranks only them.
 */
static int restream(struct store *s)
{
	if (!s->restream)
		return 0;
	sqlite3_stmt *st = store_stmt(s, ST_STREAM_BASE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, s->stream_from);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, "ranking the stream");
	int64_t base = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	enum stmt_id steps[] = {ST_STREAM_CUT, ST_STREAM_FILL};
	for (size_t i = 0; i < 2; i++) {
		if (!(st = store_stmt(s, steps[i])))
			return -1;
		sqlite3_bind_int64(st, 1, s->stream_from);
		sqlite3_bind_int64(st, 2, base);
		if (sqlite3_step(st) != SQLITE_DONE)
			return store_fail(s, "ranking the stream");
	}
	s->restream = 0;
	return 0;
}

int store_finish(struct store *s)
{
	if (store_search_flush(s) < 0 || search_tidy(s) < 0)
		return -1;
	store_forget(s);
	if (fill_categories(s) < 0 || (s->pages_changed && pages_to_categories(s) < 0))
		return -1;
	for (size_t i = 0; i < s->unnamed.n; i++)
		if (find_tag(s, s->unnamed.v[i]) < 0)
			return -1;
	s->unnamed.n = 0;
	if (restream(s) < 0 ||
	    rerank(s, ST_RERANK_CATEGORY, &s->unranked_categories) < 0 ||
	    rerank(s, ST_RERANK_TAG, &s->unranked_tags) < 0 ||
	    (s->recount && recount(s) < 0))
		return -1;
	return s->renamed ? store_name_categories(s) : 0;
}

/* Posts rendered again per statement: their HTML is held meanwhile. */
#define RERENDER_BATCH 256

long store_rerender(struct store *s, const char *version,
		    char *(*html_of)(const char *md))
{
	sqlite3_stmt *st = store_stmt(s, ST_SITE_GET);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, "render", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, "reading the render version");
	const char *was = rc == SQLITE_ROW
		? (const char *)sqlite3_column_text(st, 0) : NULL;
	int same = was && !strcmp(was, version);
	sqlite3_reset(st);
	if (same)
		return 0;
	/* In batches, by id: each read first, then its writes. */
	struct { int64_t id; char *html; } v[RERENDER_BATCH];
	int64_t last = 0;
	long changed = 0;
	size_t n;
	do {
		st = store_stmt(s, ST_POSTS_MD);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, last);
		sqlite3_bind_int(st, 2, RERENDER_BATCH);
		n = 0;
		while (n < RERENDER_BATCH && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *md = (const char *)sqlite3_column_text(st, 1);
			v[n].id = sqlite3_column_int64(st, 0);
			v[n].html = html_of(md ? md : "");
			n++;
		}
		sqlite3_reset(st);
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
			: store_fail(s, "reading posts to render");
		for (size_t i = 0; i < n; i++) {
			if (rc == 0 && (st = store_stmt(s, ST_POST_SET_HTML)) == NULL)
				rc = -1;
			if (rc == 0) {
				sqlite3_bind_int64(st, 1, v[i].id);
				sqlite3_bind_text(st, 2, v[i].html, -1, SQLITE_STATIC);
				if (sqlite3_step(st) != SQLITE_DONE)
					rc = store_fail(s, "rendering a post");
				else
					changed += sqlite3_changes(s->db);
			}
			free(v[i].html);
		}
		if (rc < 0)
			return -1;
		if (n)
			last = v[n - 1].id;
	} while (n == RERENDER_BATCH);
	return store_site_set(s, "render", version) < 0 ? -1 : changed;
}

int store_search_backfill(struct store *s, char *(*text_of)(const char *md))
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_MISSING);
	if (!st)
		return -1;
	/* Collected first: the index is written while this reads it. */
	struct missing { int64_t sk; char *title, *text; } *v = NULL;
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n].sk = sqlite3_column_int64(st, 0);
		v[n].title = xstrdup((const char *)sqlite3_column_text(st, 1));
		v[n].text = text_of((const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, "finding unindexed posts");
	for (size_t i = 0; i < n; i++) {
		if (rc == 0)
			rc = search_insert(s, v[i].sk, v[i].title, v[i].text);
		free(v[i].title);
		free(v[i].text);
	}
	free(v);
	return rc == 0 ? store_search_flush(s) : rc;
}

/* ---- takedowns (takedown.c) --------------------------------------------- */

void gist_free(struct gist *g)
{
	free(g->category_path);
	free(g->day);
	free(g->slug);
	free(g->info_code);
	free(g->title);
	free(g->kind);
	memset(g, 0, sizeof *g);
}

/* Step st to its end, then hand each row (id, text) to fn: the rows are
 * read first, as fn may write the tables st reads.  The row count, or -1. */
static int each_id(struct store *s, sqlite3_stmt *st, id_fn fn, void *arg)
{
	struct row { int64_t id; char *text; } *v = NULL;
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].text = column_dup(st, 1);
		n++;
	}
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, "reading");
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && fn(v[i].id, v[i].text, arg) < 0)
			rc = -1;
		free(v[i].text);
	}
	free(v);
	return rc < 0 ? -1 : (int)n;
}

/* Statement id with text bindings a and b (b may be NULL), each row to fn. */
static int ids_of(struct store *s, enum stmt_id id, const char *a, const char *b,
		  id_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	return each_id(s, st, fn, arg);
}

int store_posts_at(struct store *s, const char *day, const char *slug,
		   id_fn fn, void *arg)
{
	return ids_of(s, ST_POSTS_AT, day, slug, fn, arg);
}

int store_posts_by_key(struct store *s, const char *key, id_fn fn, void *arg)
{
	return ids_of(s, ST_POSTS_BY_KEY, key, NULL, fn, arg);
}

int store_post_files(struct store *s, int64_t id, id_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_POST_FILES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return each_id(s, st, fn, arg);
}

/* The ids statement id gives for the paths under folder ("/dir/"). */
static int ids_under(struct store *s, enum stmt_id id, const char *folder,
		     id_fn fn, void *arg)
{
	size_t n = strlen(folder);
	if (n == 0 || folder[n - 1] != '/')
		return 0;
	char *past = xstrdup(folder);   /* "/dir0": just past "/dir/..." */
	past[n - 1] = '/' + 1;
	int rc = ids_of(s, id, folder, past, fn, arg);
	free(past);
	return rc;
}

int store_files_under(struct store *s, const char *folder, id_fn fn, void *arg)
{
	return ids_under(s, ST_FILES_UNDER, folder, fn, arg);
}

/* Run statement id, bound to one text or one integer, for no rows. */
static int run_text(struct store *s, enum stmt_id id, const char *v, int len,
		    const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, v, len, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, what);
}

static int run_id(struct store *s, enum stmt_id id, int64_t v, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, v);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, what);
}

int store_file_delete(struct store *s, const char *path)
{
	return run_text(s, ST_FILE_DELETE, path, -1, "forgetting a file");
}

long store_post_file_count(struct store *s, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, ST_FILE_COUNT_POST);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return store_fail(s, "counting a post's files");
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Columns 0-4 (and 5, the kind, when the statement has it) into *g. */
static int read_gist(struct store *s, enum stmt_id id, int64_t key, struct gist *g)
{
	memset(g, 0, sizeof *g);
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a post");
	g->category_path = column_dup(st, 0);
	g->day = column_dup(st, 1);
	g->slug = column_dup(st, 2);
	g->info_code = column_dup(st, 3);
	g->title = column_dup(st, 4);
	if (sqlite3_column_count(st) > 5)
		g->kind = column_dup(st, 5);
	sqlite3_reset(st);
	return 1;
}

int store_post_gist(struct store *s, int64_t id, struct gist *g)
{
	return read_gist(s, ST_POST_GIST, id, g);
}

int store_takedown_gist(struct store *s, int64_t id, struct gist *g)
{
	return read_gist(s, ST_TAKEDOWN_GIST, id, g);
}

/* The ids statement id gives for post (a post's tags or categories). */
static int links_of(struct store *s, enum stmt_id id, int64_t post,
		    struct idset *set)
{
	sqlite3_stmt *st = store_stmt(s, id);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, post);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		mark(set, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, "reading a post's links");
}

/* The tags and categories in set left without posts go; the categories
 * left are named again at store_finish. */
static int drop_empty(struct store *s, struct idset *tags, struct idset *cats)
{
	for (size_t i = 0; i < tags->n; i++)
		if (run_id(s, ST_TAG_DROP_EMPTY, tags->v[i], "dropping a tag") < 0)
			return -1;
	for (size_t i = 0; i < cats->n; i++) {
		if (run_id(s, ST_CATEGORY_DROP_EMPTY, cats->v[i],
			   "dropping a category") < 0)
			return -1;
		mark(&s->unnamed, cats->v[i]);
	}
	store_forget(s);   /* the run's memory of ids may hold those gone */
	return 0;
}

/* The indexed text of search row sk (malloc'ed), or NULL. */
static int search_text(struct store *s, int64_t sk, char **text)
{
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_TEXT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sk);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*text = column_dup(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(s, "reading a post's indexed text");
}

int store_post_delete(struct store *s, int64_t id, char **text)
{
	*text = NULL;
	int64_t sk, published;
	struct idset tags = {0}, cats = {0};
	int had = old_key(s, id, &sk, &published), rc = -1;
	s->recount = 1;
	if (had > 0)
		restream_from(s, sk);
	if (had < 0 || store_search_flush(s) < 0 ||
	    (had && (search_text(s, sk, text) < 0 || search_delete(s, sk) < 0)) ||
	    unrank(s, 0, id) < 0 || unrank(s, 1, id) < 0 ||
	    links_of(s, ST_POST_TAG_IDS, id, &tags) < 0 ||
	    links_of(s, ST_POST_CATEGORY_IDS, id, &cats) < 0)
		goto out;
	/* its entry, files and links go with it (ON DELETE CASCADE) */
	if (run_id(s, ST_POST_DELETE, id, "deleting a post") < 0 ||
	    drop_empty(s, &tags, &cats) < 0)
		goto out;
	rc = 0;
out:
	free(tags.v);
	free(cats.v);
	return rc;
}

int store_trigram_drop_unused(struct store *s, const char *term, size_t len)
{
	struct buf q = {0};   /* the trigram as an FTS5 phrase: "t" */
	buf_addc(&q, '"');
	for (size_t i = 0; i < len; i++) {
		if (term[i] == '"')
			buf_addc(&q, '"');
		buf_addc(&q, term[i]);
	}
	buf_addc(&q, '"');
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_HAS);
	if (!st) {
		buf_free(&q);
		return -1;
	}
	sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	buf_free(&q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_fail(s, "looking up a trigram");
	return run_text(s, ST_TRIGRAM_DELETE, term, (int)len, "dropping a trigram");
}

int store_search_merge(struct store *s)
{
	if (store_search_flush(s) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, ST_SEARCH_OPTIMIZE);
	if (!st || sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "merging the search index");
	s->nindexed = 0;
	return 0;
}

int store_secure_delete(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, ST_SECURE_DELETE);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(s, "setting secure_delete");
}

int64_t store_takedown_add(struct store *s, const struct gist *g,
			   const char *kind, const char *reason)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAKEDOWN_ADD);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, g->category_path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, g->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, g->slug, -1, SQLITE_STATIC);
	bind_opt(st, 4, g->info_code);
	sqlite3_bind_text(st, 5, g->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, kind, -1, SQLITE_STATIC);
	bind_opt(st, 7, reason);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, "recording a takedown");
	return sqlite3_last_insert_rowid(s->db);
}

int store_takedown_file_add(struct store *s, int64_t id, const char *path,
			    const char *key)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAKEDOWN_FILE_ADD);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0
		: store_fail(s, "recording a takedown's file");
}

int store_takedown_delete(struct store *s, int64_t id)
{
	return run_id(s, ST_TAKEDOWN_DELETE, id, "deleting a takedown");
}

int store_takedown_files(struct store *s, int64_t id, pair_fn fn, void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAKEDOWN_FILES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn((const char *)sqlite3_column_text(st, 0),
		       (const char *)sqlite3_column_text(st, 1), arg) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : store_fail(s, "reading a takedown's files");
}

int store_takedowns_at(struct store *s, const char *day, const char *slug,
		       id_fn fn, void *arg)
{
	return ids_of(s, ST_TAKEDOWNS_AT, day, slug, fn, arg);
}

int store_takedowns_by_path(struct store *s, const char *path, id_fn fn, void *arg)
{
	return ids_of(s, ST_TAKEDOWNS_BY_PATH, path, NULL, fn, arg);
}

int store_takedowns_by_key(struct store *s, const char *key, id_fn fn, void *arg)
{
	return ids_of(s, ST_TAKEDOWNS_BY_KEY, key, NULL, fn, arg);
}

int store_takedowns_by_code(struct store *s, const char *code, id_fn fn, void *arg)
{
	return ids_of(s, ST_TAKEDOWNS_BY_CODE, code, NULL, fn, arg);
}

int store_takedown_blocks(struct store *s, const char *path, const char *key)
{
	sqlite3_stmt *st = store_stmt(s, ST_TAKEDOWN_BLOCKS);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int removed = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(s, "reading the takedowns");
	if (removed)
		return 1;
	st = store_stmt(s, ST_TAKEDOWN_PRUNED_BACK);   /* the file is back */
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	return sqlite3_step(st) == SQLITE_DONE ? 0
		: store_fail(s, "dropping a pruned post's record");
}

/* ---- category pages (import.c) ------------------------------------------ */

int store_page_get(struct store *s, const char *path, struct file_state *f)
{
	return file_state_of(s, ST_PAGE_GET, path, f, 0, "reading a page's state");
}

int store_page_put(struct store *s, const char *path, const struct file_state *f,
		   const struct category_page *cp)
{
	sqlite3_stmt *st = store_stmt(s, ST_PAGE_PUT);
	if (!st)
		return -1;
	bind_file_state(st, path, f);
	sqlite3_bind_text(st, 5, cp->category, -1, SQLITE_STATIC);
	bind_opt(st, 6, cp->slug);
	bind_opt(st, 7, cp->title);
	s->pages_changed = 1;
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "saving a page");
}

int store_page_touch(struct store *s, const char *path, int64_t size,
		     int64_t mtime)
{
	sqlite3_stmt *st = store_stmt(s, ST_PAGE_TOUCH);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, size);
	sqlite3_bind_int64(st, 3, mtime);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "saving a page");
}

int store_page_delete(struct store *s, const char *path)
{
	s->pages_changed = 1;
	return run_text(s, ST_PAGE_DELETE, path, -1, "forgetting a page");
}

int store_pages_under(struct store *s, const char *folder, id_fn fn, void *arg)
{
	return ids_under(s, ST_PAGES_UNDER, folder, fn, arg);
}

int store_pages_stale(struct store *s)
{
	return run_stmt(s, ST_PAGES_STALE, "marking the pages stale") < 0 ? -1 : 0;
}

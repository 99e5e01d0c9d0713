/*
 * store.h - the SQLite store, behind one small interface of prepared
 * statements.  finews-import opens it read-write (the only writer);
 * finews.fcgi opens it read-only, one connection per worker.
 */
#ifndef FINEWS_STORE_H
#define FINEWS_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "entry.h"
#include "post.h"

#define STORE_VERSION 9  /* PRAGMA user_version this program writes */

enum stmt_id {
	/* import */
	ST_SITE_SET,
	ST_SITE_MODIFIED,
	ST_FILE_GET,
	ST_FILE_PUT,
	ST_FILE_TOUCH,
	ST_FILE_COUNT_POST,
	ST_POST_BY_CODE,
	ST_POST_INSERT,
	ST_POST_UPDATE,
	ST_POST_DELETE,
	ST_CATEGORY_ADD,
	ST_CATEGORY_ID,
	ST_CATEGORY_SHARED_TAG,
	/* the categories' names and counts (store_finish) */
	ST_CATEGORY_SET_TAG,
	ST_CATEGORY_ALL_IDS,
	ST_CATEGORY_COUNTS,
	ST_CATEGORY_RECENT,
	ST_CATEGORY_DROP_UNUSED,
	ST_CATEGORY_MENU,
	ST_CATEGORY_NAMES,
	ST_CATEGORY_SET_NAME,
	ST_PAGE_GET,
	ST_PAGE_PUT,
	ST_PAGE_TOUCH,
	ST_PAGE_DELETE,
	ST_PAGES_UNDER,
	ST_PAGES_STALE,
	ST_CATEGORY_FROM_PAGES,
	ST_CATEGORY_TITLES,
	ST_POST_CATEGORIES_CLEAR,
	ST_POST_CATEGORY_IDS,
	ST_POST_TAG_IDS,
	ST_CATEGORY_TOP,
	ST_TAG_TOP,
	ST_RERANK_CATEGORY,
	ST_RERANK_TAG,
	ST_STREAM_BASE,
	ST_STREAM_CUT,
	ST_STREAM_FILL,
	ST_POST_CATEGORY_ADD,
	ST_TAG_ADD,
	ST_TAG_ID,
	ST_POST_TAGS_CLEAR,
	ST_POST_TAG_ADD,
	ST_POST_HAS_TAG,
	ST_POST_SK,
	ST_SK_NEXT,
	ST_SEARCH_INSERT,
	ST_TRIGRAM_ADD,
	ST_SEARCH_FLUSH,
	ST_SEARCH_PENDING_CLEAR,
	ST_SEARCH_DELETE,
	ST_SEARCH_SEGMENTS,
	ST_SEARCH_OPTIMIZE,
	ST_SEARCH_MISSING,
	ST_SITE_GET,
	ST_POSTS_MD,
	ST_POST_SET_HTML,
	ST_ENTRY_PUT,
	ST_ENTRY_PAIR,
	ST_ENTRY_FOLDER,
	ST_ENTRIES,
	/* takedowns (takedown.c) */
	ST_POSTS_AT,
	ST_POSTS_BY_KEY,
	ST_POST_GIST,
	ST_POST_FILES,
	ST_FILES_UNDER,
	ST_FILE_DELETE,
	ST_TAG_DROP_EMPTY,
	ST_CATEGORY_DROP_EMPTY,
	ST_SEARCH_TEXT,
	ST_SEARCH_HAS,
	ST_TRIGRAM_DELETE,
	ST_SECURE_DELETE,
	ST_TAKEDOWN_ADD,
	ST_TAKEDOWN_FILE_ADD,
	ST_TAKEDOWN_DELETE,
	ST_TAKEDOWN_GIST,
	ST_TAKEDOWN_FILES,
	ST_TAKEDOWNS_AT,
	ST_TAKEDOWNS_BY_PATH,
	ST_TAKEDOWNS_BY_KEY,
	ST_TAKEDOWNS_BY_CODE,
	ST_TAKEDOWN_BLOCKS,
	ST_TAKEDOWN_PRUNED_BACK,
	/* serving */
	ST_READ_BEGIN,
	ST_READ_END,
	ST_SITE_ALL,
	ST_DATA_VERSION,
	ST_CATEGORIES_CLEANED,
	ST_CATEGORY_BY_SLUG,
	ST_MENU,
	ST_SOURCES_ACTIVE,
	ST_SOURCES_BY_NAME,
	ST_SOURCES_COUNT,
	ST_SOURCE_INITIALS,
	ST_TAG_BY_NAME,
	ST_TAG_COUNT,
	ST_WITH_TAG,
	ST_CATEGORY_COUNT,
	ST_NEWEST,
	ST_STREAM_COUNT,
	ST_STREAM,
	ST_IN_CATEGORY,
	ST_IN_CATEGORY_BEFORE,
	ST_ARTICLE_BY_URL,
	ST_ARTICLE_BY_CODE,
	ST_ARTICLE_BY_SLUG,
	ST_ARTICLE_PATHS,
	ST_OLDER_IN_CATEGORY,
	ST_NEWER_IN_CATEGORY,
	ST_POST_TAG_NAMES,
	ST_TAGS,
	ST_SEARCH_TERMS,
	ST_SEARCH_NEWEST,
	ST_SEARCH_COUNT,
	ST_SEARCH_SCAN_NEWEST,
	ST_SEARCH_SCAN_COUNT,
	ST_SEARCH_POST,
	ST_SEARCH_MIDNIGHT,
	ST_FEED_NEWEST,
	ST_FEED_IN_CATEGORY,
	ST_FEED_WITH_TAG,
	ST_SITEMAP_COUNTS,
	ST_SITEMAP_POSTS,
	ST_SITEMAP_CATEGORIES,
	ST_SITEMAP_TAGS,
	ST_GONE_AT,
	ST_GONE_NEAR,
	ST_GONE_CODE,
	ST_COUNT
};

/* Which file a path names: device, inode, and birth time when the file
 * system keeps one (an inode number can be reused). */
struct store_id {
	uint64_t dev, ino;
	int64_t birth;
};

struct store {
	sqlite3 *db;
	const char *path;
	struct store_id id;          /* the file open, as store_open found it */
	int readonly;
	int failed;                  /* a statement failed since store_open */
	sqlite3_stmt *st[ST_COUNT];  /* prepared on first use */
	struct idset {               /* ids to see to at the end of a run */
		int64_t *v;
		size_t n, cap;
	} unnamed, unranked_categories, unranked_tags;
	int upgraded_from;           /* the version store_open() found */
	int recount;                 /* posts came or went: the categories'
					counts and names are due */
	int renamed;                 /* a category's tag or title changed */
	int pages_changed;           /* a category page came, changed or went */
	int restream;                /* the stream is to be ranked again */
	int64_t stream_from;         /* from this search key up */
	long npending;               /* rows waiting to be indexed */
	size_t pending_bytes;        /* and their text's bytes */
	long nindexed;               /* rows indexed in this run */
	struct trigrams *trigrams;   /* the index's tokenizer, and the
					trigrams met in this run */
	struct name_id {             /* categories and tags met in this run */
		char *key, *name;
		int64_t id;
	} known[64];
	size_t nknown;
};

/* Open (and for writing: create or upgrade) the store.  On failure
 * returns -1 and writes one line to stderr.  The -wal and -shm beside the
 * file are made its own first (store-file.c). */
int store_open(struct store *s, const char *path, int readonly);
void store_close(struct store *s);
/* 1 when s->path no longer names the file open (replaced or removed). */
int store_moved(const struct store *s);

/* The store's file (store-file.c) ------------------------------------- */

/* Which file path names now: 0, or -1 with errno. */
int store_file_id(const char *path, struct store_id *id);
int store_id_same(const struct store_id *a, const struct store_id *b);
/* A cheap check of a store just opened read-only, before it replaces
 * one that serves: its site table is read.  0, or -1 and why in why. */
int store_check(struct store *s, char *why, size_t size);
/* Before the file at path is opened: NULL when its header looks whole
 * (an SQLite file, not shorter than the pages it counts), else why not,
 * written in why.  Never while this process has the file open: closing
 * any descriptor of a file drops every POSIX lock the process holds on
 * it, SQLite's too (another process could then checkpoint and delete
 * the -wal and -shm in use). */
const char *store_file_check(const char *path, char *why, size_t size);
/* Open file-owner, creating it, and take its lock: the descriptor, or
 * -1 (logged) when it cannot be had. */
int store_owner_lock(const char *file);
void store_owner_unlock(int fd);
/* With the lock: make the -wal, -shm and -journal beside file those of
 * the file id, removing them when file-owner names another file. */
int store_owner_claim(int fd, const char *file, const struct store_id *id);
/* After the last writer closed: remove file-owner when no -wal or -shm
 * is left beside file. */
void store_owner_release(const char *file);

/* The prepared statement id, reset and with bindings cleared. */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id);

int store_begin(struct store *s);
/* Put the store in WAL mode, so that readers never wait for a writer;
 * outside a transaction.  A new store is made without it.  Nothing (but
 * a line on stderr) when the path names another file now. */
int store_wal(struct store *s);
/* One read transaction per request: a page sees one state of the store. */
int store_read_begin(struct store *s);
void store_read_end(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* Drop the run's memory of category and tag ids. */
void store_forget(struct store *s);

/* Rows handed out as an id and a string (it lasts until fn returns). */
typedef int (*id_fn)(int64_t id, const char *text, void *arg);
/* Rows handed out two strings at a time (they last until fn returns). */
typedef int (*pair_fn)(const char *key, const char *value, void *arg);

/* Writing (finews-import) ---------------------------------------------- */

struct file_state {
	int64_t size, mtime;
	unsigned char hash[16];
	int64_t post_id;
};

/* Note that the store changed at t: "modified" becomes t, or one second
 * past its last value, so that it always moves forward. */
int store_site_modified(struct store *s, int64_t t);
/* A run ended at t with result ("3 added, 0 updated, 12 unchanged, 0
 * failed"): the site keys import_finished and import_result (/_status). */
int store_import_finished(struct store *s, int64_t t, const char *result);
/* Publish a snapshot of s (open, read-only will do) as DIR/finews.db,
 * unless the one there has s's content (store-publish.c): 0, or -1
 * (said on stderr). */
int store_publish(struct store *s, const char *dir);
/* 1 when the value changed, 0 when it was already so, -1 on an error. */
int store_site_set(struct store *s, const char *key, const char *value);
/* The site's value for key (malloc'ed), or NULL when it has none. */
char *store_site_get(struct store *s, const char *key);
/* 1 and *f when the file is known, 0 when not, -1 on error. */
int store_file_get(struct store *s, const char *path, struct file_state *f);
int store_file_put(struct store *s, const char *path, const struct file_state *f);
int store_file_touch(struct store *s, const char *path, int64_t size, int64_t mtime);
/* 1 and *id, *path (malloc'ed) when a post holds code; 0 when none. */
int store_post_by_code(struct store *s, const char *code, int64_t *id, char **path);
/* Insert (id == 0) or update post id; *id gets the post's id.  e is
 * the entry p was derived from, stored with it; NULL keeps the stored
 * one (a post derived again). */
int store_post_save(struct store *s, const struct post *p,
		    const struct entry *e, const char *path, int64_t *id);
/* The post whose entry has e's key and source in the other of the
 * folders _posts and old_post (a post moved to the archive): 1 and *id,
 * 0 when none. */
int store_entry_pair(struct store *s, const struct entry *e, int64_t *id);
/* The folder and the key of post id's entry (malloc'ed), or NULL when
 * it has none. */
char *store_entry_folder(struct store *s, int64_t id);
char *store_entry_key(struct store *s, int64_t id);
/* Each stored entry with id > after, by id, at most limit of them:
 * fn(post id, the post's file, entry, arg); it returns -1 to stop. */
typedef int (*entry_fn)(int64_t id, const char *path, const struct entry *e,
			void *arg);
int store_entries(struct store *s, int64_t after, int limit, entry_fn fn,
		  void *arg);
/* Delete post id when no file refers to it any more. */
int store_post_drop_orphan(struct store *s, int64_t id);
/* Index the posts that have no search text yet (after an upgrade to
 * version 3), their text made by text_of(body_md). */
int store_search_backfill(struct store *s, char *(*text_of)(const char *md));
/* When the site key "render" is not version, give every post the
 * body_html html_of(body_md) makes (the rules it follows changed), then
 * set the key.  The number of posts whose body_html changed, or -1. */
long store_rerender(struct store *s, const char *version,
		    char *(*html_of)(const char *md));
/* Put the rows waiting in temp.pending_search into the index. */
int store_search_flush(struct store *s);
/* The end of a run: index the rows still waiting (merging the index when
 * it is large, see store-import.c), give every category touched since the
 * last call its display name, and rank again the categories and tags whose
 * order an out-of-order post, an update or a deletion broke. */
int store_finish(struct store *s);
/* Category pages (category/NAME.html): the state of the file at path
 * (its post_id unused): 1 when known, 0 when not, -1.  A page saved,
 * touched or deleted; the categories take their titles at store_finish. */
int store_page_get(struct store *s, const char *path, struct file_state *f);
int store_page_put(struct store *s, const char *path, const struct file_state *f,
		   const struct category_page *cp);
int store_page_touch(struct store *s, const char *path, int64_t size,
		     int64_t mtime);
int store_page_delete(struct store *s, const char *path);
/* The stored pages whose paths start with folder ("/abs/category/"):
 * fn(0, path), by path. */
int store_pages_under(struct store *s, const char *folder, id_fn fn, void *arg);
/* Every stored page is read and derived again when next met. */
int store_pages_stale(struct store *s);
/* Give every category its display name by the rule of sql/schema.sql
 * (store-names.c), writing only the names that change. */
int store_name_categories(struct store *s);

/* Takedowns (takedown.c; README: Takedowns and deletions) -------------- */

/* What a takedown record keeps of a post: its permalink's parts, share
 * code and title (malloc'ed); a record's kind too. */
struct gist {
	char *category_path, *day, *slug, *info_code, *title;
	char *kind;                  /* "removed" or "pruned"; NULL for a post */
};
void gist_free(struct gist *g);

/* Each returns the number of rows passed to fn, or -1. */
/* Posts at day with slug: fn(id, category path). */
int store_posts_at(struct store *s, const char *day, const char *slug,
		   id_fn fn, void *arg);
/* Posts whose entry has the file name key: fn(id, NULL). */
int store_posts_by_key(struct store *s, const char *key, id_fn fn, void *arg);
/* Post id's files: fn(id, path), by path. */
int store_post_files(struct store *s, int64_t id, id_fn fn, void *arg);
/* Files whose paths are under folder ("/abs/dir/"): fn(post id, path). */
int store_files_under(struct store *s, const char *folder, id_fn fn, void *arg);
int store_file_delete(struct store *s, const char *path);
/* How many files post id has, or -1. */
long store_post_file_count(struct store *s, int64_t id);
/* 1 and *g when post id exists, 0 when not, -1. */
int store_post_gist(struct store *s, int64_t id, struct gist *g);
/* Delete post id with everything that shows it: its search row, its
 * links to categories and tags (ranked again at store_finish), tags and
 * categories it leaves empty, its entry and files.  *text gets its
 * indexed text (malloc'ed, NULL when none), for search_trigrams. */
int store_post_delete(struct store *s, int64_t id, char **text);
/* Drop term from search_trigrams when no indexed text has it now. */
int store_trigram_drop_unused(struct store *s, const char *term, size_t len);
/* Merge the search index into one segment: what deleted rows left in
 * the older segments goes. */
int store_search_merge(struct store *s);
/* Freed pages and deleted rows are overwritten with zeros from now on. */
int store_secure_delete(struct store *s);
/* The WAL copied into the file and emptied, when no reader holds it. */
void store_checkpoint(struct store *s);

/* A new record of g with kind and reason (may be NULL): its id, or -1. */
int64_t store_takedown_add(struct store *s, const struct gist *g,
			   const char *kind, const char *reason);
int store_takedown_file_add(struct store *s, int64_t id, const char *path,
			    const char *key);
int store_takedown_delete(struct store *s, int64_t id);
int store_takedown_gist(struct store *s, int64_t id, struct gist *g);
/* A record's files: fn(path, key). */
int store_takedown_files(struct store *s, int64_t id, pair_fn fn, void *arg);
/* Records: at day with slug (fn(id, category path)), of a file's path,
 * of a file name, of a share code (fn(id, NULL)). */
int store_takedowns_at(struct store *s, const char *day, const char *slug,
		       id_fn fn, void *arg);
int store_takedowns_by_path(struct store *s, const char *path, id_fn fn, void *arg);
int store_takedowns_by_key(struct store *s, const char *key, id_fn fn, void *arg);
int store_takedowns_by_code(struct store *s, const char *code, id_fn fn, void *arg);
/* For an import of the file at path named key: 1 when a "removed"
 * record holds it (the file is skipped); else 0, and "pruned" records of
 * it are dropped (the file is back). */
int store_takedown_blocks(struct store *s, const char *path, const char *key);

/* Reading (finews.fcgi) ----------------------------------------------- */

/* Titles and summaries as read, at most this many characters: a title of
 * 300 KB was in every list that had its post. */
#define POST_TEXT_CHARS 300

/* A post as lists and pages show it.  Strings belong to the store and
 * last until the callback returns. */
struct post_row {
	int64_t id, published, category_id;
	int utc_offset;              /* the offset its date was written in */
	int zone_offset;             /* the site zone's offset at published
					(utc_offset when the store has none) */
	int date_only;               /* 1: its date had no time of day */
	const char *slug, *day, *category_path, *title, *summary;
	const char *info_code, *source_url, *source_name;
	const char *category_slug, *category_name;
	const char *body_html;       /* articles only, else NULL */
	char cut[2][4 * POST_TEXT_CHARS + 1];   /* title, summary when cut */
};

struct category_row {
	int64_t id, newest;          /* newest: its newest post's time */
	const char *slug, *name;
};

/* A source (category) as the home page and the source index show it. */
struct source_row {
	int64_t id;
	const char *slug, *name;
	long posts;
	int64_t newest;              /* its newest post's published; 0: none */
	int zone_offset, date_only;  /* that post's (as struct post_row) */
};

typedef int (*post_fn)(const struct post_row *p, void *arg);
typedef int (*source_fn)(const struct source_row *r, void *arg);
typedef int (*category_fn)(const struct category_row *c, void *arg);
typedef int (*count_fn)(const char *name, long count, void *arg);

/* Each returns the number of rows passed to fn, or -1 on a store error
 * (or when fn returned -1). */
int store_site(struct store *s, pair_fn fn, void *arg);
/* PRAGMA data_version: it changes when another connection (an import)
 * has changed the store. */
int64_t store_data_version(struct store *s);
/* The categories with several segments ("/evil.com", "a/../b") whose
 * slug holds part, the newest first: what a URL that cleans a stored
 * slug may mean (page.h).  A scan, made only once the exact slug failed. */
int store_categories_holding(struct store *s, const char *part,
			     category_fn fn, void *arg);
/* The navigation menu's categories (categories.menu), in its order. */
int store_menu(struct store *s, category_fn fn, void *arg);
int store_category(struct store *s, const char *slug, category_fn fn, void *arg);
long store_category_count(struct store *s, int64_t category);
/* A tag, as a category_row (slug and name are both its name). */
int store_tag(struct store *s, const char *name, category_fn fn, void *arg);
long store_tag_count(struct store *s, int64_t tag);
int store_with_tag(struct store *s, int64_t tag, int limit, long offset,
		   post_fn fn, void *arg);
int store_newest(struct store *s, int limit, post_fn fn, void *arg);
/* The stream of every post (sql/schema.sql), as a list: id is unused. */
long store_stream_count(struct store *s, int64_t unused);
int store_stream(struct store *s, int64_t unused, int limit, long offset,
		 post_fn fn, void *arg);

/* The source index (ui-sources.c) and the home page's boxes: limit
 * sources from offset, by activity (categories.recent, then newest: the
 * index categories_active) or by name (initial, then slug ignoring ASCII
 * case: the index categories_initial); only those whose name or slug
 * holds q when q is not NULL (q lower-cased, compared ignoring ASCII
 * case).  Each page is one index range; only its own rows are sorted. */
int store_sources(struct store *s, int by_name, const char *q, int limit,
		  long offset, source_fn fn, void *arg);
/* How many sources (holding q, when not NULL), or -1. */
long store_sources_count(struct store *s, const char *q);
/* The sources by initial, in the name order's: fn(initial, count), the
 * initial "a".."z", "{" for a digit, "|" for any other. */
int store_source_initials(struct store *s, count_fn fn, void *arg);
int store_in_category(struct store *s, int64_t category, int limit, long offset,
		      post_fn fn, void *arg);
/* The newest limit posts of category older than the post (published, id)
 * (by time, then id: the order of ranks and of store_newest). */
int store_in_category_before(struct store *s, int64_t category, int limit,
			     int64_t published, int64_t id, post_fn fn, void *arg);
int store_article_by_url(struct store *s, const char *categories, const char *day,
			 const char *slug, post_fn fn, void *arg);
int store_article_by_code(struct store *s, const char *code, post_fn fn, void *arg);
/* The post with slug whose day is nearest day ("YYYY/MM/DD"; ties: the
 * lowest id), among those with that category path (any when NULL): what
 * an old URL whose date differs from the permalink meant. */
int store_article_by_slug(struct store *s, const char *slug,
			  const char *categories, const char *day,
			  post_fn fn, void *arg);
/* The category paths of the posts at day with slug, by id, as
 * fn(path, NULL): for a URL that cleans a stored path (page.h). */
int store_article_paths(struct store *s, const char *day, const char *slug,
			pair_fn fn, void *arg);
/* The post just older (older != 0) or newer than p in category, as a
 * link: only its id, published, slug, day, category_path and title. */
int store_neighbour(struct store *s, int64_t category, const struct post_row *p,
		    int older, post_fn fn, void *arg);
int store_post_tags(struct store *s, int64_t post, pair_fn fn, void *arg);
/* Every tag with posts and its number of posts, the most used first
 * (then by name). */
int store_tags(struct store *s, count_fn fn, void *arg);

/* Search (search.c makes match and words from the reader's query).
 * The trigrams in [from, to), most used first, at most limit. */
int store_search_terms(struct store *s, const char *from, const char *to,
		       int limit, pair_fn fn, void *arg);
/* Which posts a search is about: those match finds (NULL: every post)
 * whose text holds every word of words (separated by '\x1f'; NULL: no
 * check), in category (0: any), with a search key (posts.sk) in
 * [from, below). */
struct search_where {
	const char *match, *words;
	int64_t category, from, below;
};
/* Walk the posts match finds, newest first, calling fn(sk, ok, arg) for each, ok 1 when it holds the words and is
 * in the category; fn returns 1 to stop.  How many were walked, or -1. */
long store_search_walk(struct store *s, const struct search_where *w,
		       int (*fn)(int64_t sk, int ok, void *arg), void *arg);
/* Count the posts match finds, newest first, looking at limit of them
 * at most: how many were looked at, and in *ok how many of them hold the
 * words and are in the category; -1 when the store failed. */
long store_search_count(struct store *s, const struct search_where *w,
			long limit, long *ok);
/* The post with search key sk, p->body_html the start of its indexed
 * text (store.c: SNIPPET_TEXT_CHARS), for the snippet. */
int store_search_post(struct store *s, int64_t sk, post_fn fn, void *arg);
/* The instant day ("YYYY-MM-DD") begins in the site's zone (the next
 * day's when next), into *t; 0, or -1 when the store failed. */
int store_search_midnight(struct store *s, const char *day, int next, int64_t *t);

/* Feeds (ui-feed.c): the newest posts site-wide, of a category, of a
 * tag, with p->body_html. */
int store_feed_newest(struct store *s, int limit, post_fn fn, void *arg);
int store_feed_in_category(struct store *s, int64_t category, int limit,
			   post_fn fn, void *arg);
int store_feed_with_tag(struct store *s, int64_t tag, int limit,
			post_fn fn, void *arg);

/* The sitemap (ui-sitemap.c).  A list page and its newest post's time,
 * at the site zone's offset (the written one when not stored). */
typedef int (*dated_fn)(const char *name, int64_t t, int offset, void *arg);
/* How many posts, and categories and tags with posts; 0 or -1. */
int store_sitemap_counts(struct store *s, long *posts, long *categories,
			 long *tags);
/* Posts oldest first, limit from offset. */
int store_sitemap_posts(struct store *s, long limit, long offset,
			post_fn fn, void *arg);
/* Categories (by slug), tags (by name) that have posts, by name. */
int store_sitemap_categories(struct store *s, dated_fn fn, void *arg);
int store_sitemap_tags(struct store *s, dated_fn fn, void *arg);

/* 410 Gone (ui-gone.c): the takedown records at day with slug, as
 * fn(category path, NULL); 1 when one with slug (and categories, unless
 * NULL) is nearer day than every post with them (ties: the post); 1
 * when one holds code.  Else 0, or -1. */
int store_gone_at(struct store *s, const char *day, const char *slug,
		  pair_fn fn, void *arg);
int store_gone_near(struct store *s, const char *slug, const char *categories,
		    const char *day);
int store_gone_code(struct store *s, const char *code);

/* Log "finews: <path>: <what>: <sqlite message>" (log.c: a line repeated
 * within 10 s is counted, not written), set s->failed and return -1. */
int store_fail(struct store *s, const char *what);

#endif

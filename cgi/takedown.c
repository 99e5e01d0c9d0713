/*
 * takedown.c - finews-import --remove, --restore and --prune: taking a
 * post down (a correction, a legal request), bringing it back, and
 * removing the posts whose files were deleted (README: Takedowns and
 * deletions).
 *
 * A post taken down loses every row that could show it: the post, its
 * entry and files, its links to categories and tags (and the tags and
 * categories it leaves empty), its search row, and the trigrams of
 * search_trigrams that no other text has; the search index is merged, so
 * that no older segment keeps its trigrams, and deleted rows are
 * overwritten (secure_delete).  What stays is a record (table
 * takedowns): its permalink, share code, title, files and why, so that
 * its addresses answer 410 Gone and an import skips its files until
 * --restore.
 *
 * An argument names posts by the path of a file they were imported from
 * (or a file name alone), by a URL of the site (http://host/… or the path
 * alone, with or without ".html", percent-encoded or not: an article's
 * permalink or a share link) or by an infoCode.
 */
#include "takedown.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "log.h"
#include "request.h"
#include "trigrams.h"
#include "util.h"

enum kind { POSTS, RECORDS };   /* what an argument is looked up among */

/* The posts, or takedown records, an argument names. */
struct ids {
	int64_t *v;
	size_t n;
	const char *categories;   /* a URL's category path, cleaned */
};

static void ids_add(struct ids *ids, int64_t id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (ids->v[i] == id)
			return;
	ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof *ids->v);
	ids->v[ids->n++] = id;
}

static int take_id(int64_t id, const char *unused, void *arg)
{
	(void)unused;
	ids_add(arg, id);
	return 0;
}

/* A list of strings (file paths). */
struct strs {
	char **v;
	size_t n;
};

static void strs_add(struct strs *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

static void strs_free(struct strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- messages ----------------------------------------------------------- */

/* s[0..n) into b, a control character written as an escape: each
 * message is one line. */
static void add_shown_n(struct buf *b, const char *s, size_t n)
{
	for (const unsigned char *p = (const unsigned char *)s; n--; p++)
		if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
}

static void add_shown(struct buf *b, const char *s)
{
	add_shown_n(b, s, strlen(s));
}

/* The line in b, at level, on stderr; b emptied. */
static void say_buf(enum log_level level, struct buf *b)
{
	char *line = buf_steal(b);
	log_at(level, "%s", line);
	free(line);
}

/* "arg: what URL "title"tail" */
static void say_post(const char *arg, const char *what, const struct gist *g,
		     const char *tail)
{
	struct buf b = {0};
	add_shown(&b, arg);
	buf_printf(&b, ": %s /", what);
	if (*g->category_path) {
		add_shown(&b, g->category_path);
		buf_addc(&b, '/');
	}
	add_shown(&b, g->day);
	buf_addc(&b, '/');
	add_shown(&b, g->slug);
	buf_adds(&b, ".html \"");
	add_shown(&b, g->title);
	buf_printf(&b, "\"%s", tail);
	say_buf(LOG_LEVEL_INFO, &b);
}

/* "arg: what", an error */
static void say(const char *arg, const char *what)
{
	struct buf b = {0};
	add_shown(&b, arg);
	buf_printf(&b, ": %s", what);
	say_buf(LOG_LEVEL_ERROR, &b);
}

/* ---- naming posts ------------------------------------------------------- */

/* A category path as its URL has it: no empty, "." or ".." segments. */
static char *clean_path(const char *p)
{
	struct buf b = {0};
	buf_adds(&b, "");
	while (*p) {
		p += strspn(p, "/");
		size_t n = strcspn(p, "/");
		if (n && !(n == 1 && p[0] == '.') && !(n == 2 && !memcmp(p, "..", 2))) {
			if (b.len)
				buf_addc(&b, '/');
			buf_add(&b, p, n);
		}
		p += n;
	}
	return buf_steal(&b);
}

/* An id found at a URL's day and slug, kept when its category path is
 * the URL's. */
static int take_at(int64_t id, const char *category_path, void *arg)
{
	struct ids *ids = arg;
	char *clean = clean_path(category_path ? category_path : "");
	if (!strcmp(clean, ids->categories))
		ids_add(ids, id);
	free(clean);
	return 0;
}

static int is_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* "/<categories>/<yyyy>/<mm>/<dd>/<slug>[.html]" taken apart: 1, or 0. */
static int article_parts(const char *path, char **categories, char day[11],
			 char **slug)
{
	char *p = xstrdup(path), *part[4];   /* slug, dd, mm, yyyy */
	size_t n = strlen(p);
	if (n > 5 && !strcmp(p + n - 5, ".html"))
		p[n - 5] = '\0';
	int ok = 1;
	for (int i = 0; i < 4 && ok; i++) {
		char *slash = strrchr(p, '/');
		ok = slash != NULL;
		if (ok) {
			part[i] = slash + 1;
			*slash = '\0';
		}
	}
	ok = ok && *part[0] && is_digits(part[1], 2) && is_digits(part[2], 2) &&
	     is_digits(part[3], 4);
	if (ok) {
		snprintf(day, 11, "%s/%s/%s", part[3], part[2], part[1]);
		*slug = xstrdup(part[0]);
		*categories = clean_path(p);
	}
	free(p);
	return ok;
}

static int by_code(struct store *s, enum kind kind, const char *code,
		   struct ids *ids)
{
	if (kind == RECORDS)
		return store_takedowns_by_code(s, code, take_id, ids);
	int64_t id;
	char *path = NULL;
	int rc = store_post_by_code(s, code, &id, &path);
	free(path);
	if (rc > 0)
		ids_add(ids, id);
	return rc;
}

/* A share code as written, else as share links write it ("nw…": "NW…"). */
static int by_any_code(struct store *s, enum kind kind, const char *code,
		       struct ids *ids)
{
	int rc = by_code(s, kind, code, ids);
	if (rc == 0 && !strncasecmp(code, "nw", 2) && strncmp(code, "NW", 2)) {
		struct buf b = {0};
		buf_printf(&b, "NW%s", code + 2);
		rc = by_code(s, kind, b.s, ids);
		buf_free(&b);
	}
	return rc;
}

/* target: a URL's path and query, "/emnews/…" or a share link. */
static int by_url(struct store *s, enum kind kind, const char *target,
		  struct ids *ids)
{
	struct request r;
	int rc = 0;
	if (request_parse(&r, "GET", target) == 0) {
		const char *code = request_param(&r, "infoCode", 1);
		char *categories = NULL, *slug = NULL, day[11];
		if (!strcmp(r.path, "/html_News/NewsShare.html"))
			rc = code && *code ? by_any_code(s, kind, code, ids) : 0;
		else if (article_parts(r.path, &categories, day, &slug)) {
			ids->categories = categories;
			rc = (kind == POSTS ? store_posts_at : store_takedowns_at)
				(s, day, slug, take_at, ids);
			ids->categories = NULL;
		}
		free(categories);
		free(slug);
	}
	request_free(&r);
	return rc;
}

/* arg made absolute as the importer names files: its folder's real path
 * and its name (the file may be gone, or a symbolic link). */
static char *absolute(const char *arg)
{
	char *copy = xstrdup(arg);
	char *slash = strrchr(copy, '/');
	const char *name = slash ? slash + 1 : copy;
	if (slash)
		*slash = '\0';
	char *dir = realpath(slash ? (*copy ? copy : "/") : ".", NULL);
	struct buf b = {0};
	if (dir)
		buf_printf(&b, "%s/%s", strcmp(dir, "/") ? dir : "", name);
	else
		buf_adds(&b, arg);
	free(dir);
	free(copy);
	return buf_steal(&b);
}

static int by_file(struct store *s, enum kind kind, const char *path,
		   struct ids *ids)
{
	if (kind == RECORDS)
		return store_takedowns_by_path(s, path, take_id, ids);
	struct file_state f;
	int rc = store_file_get(s, path, &f);
	if (rc > 0)
		ids_add(ids, f.post_id);
	return rc;
}

/* A post file's path (as named, or what its links lead to), or a file
 * name alone (every post of that name, in any folder). */
static int by_path(struct store *s, enum kind kind, const char *arg,
		   struct ids *ids)
{
	char *abs = absolute(arg), *real = realpath(arg, NULL);
	int rc = by_file(s, kind, abs, ids);
	if (rc == 0 && real && strcmp(real, abs))
		rc = by_file(s, kind, real, ids);
	if (rc == 0 && !strchr(arg, '/'))
		rc = (kind == POSTS ? store_posts_by_key : store_takedowns_by_key)
			(s, arg, take_id, ids);
	free(abs);
	free(real);
	return rc;
}

/* The posts (or records) arg names, into ids; -1 when the store failed. */
static int resolve(struct store *s, enum kind kind, const char *arg,
		   struct ids *ids)
{
	const char *scheme = strstr(arg, "://");
	if (scheme) {
		const char *target = strchr(scheme + 3, '/');
		return target ? by_url(s, kind, target, ids) : 0;
	}
	int rc = by_path(s, kind, arg, ids);
	if (rc >= 0 && ids->n == 0 && arg[0] == '/')
		rc = by_url(s, kind, arg, ids);
	if (rc >= 0 && ids->n == 0 && !strchr(arg, '/'))
		rc = by_any_code(s, kind, arg, ids);
	return rc < 0 ? -1 : 0;
}

/* ---- removing ----------------------------------------------------------- */

/* The trigrams of the removed posts' indexed texts: at the end, those no
 * text has now go from search_trigrams. */
struct bag {
	struct trigrams *t;
	struct buf terms;   /* each: its length in a byte, then its bytes */
};

static int bag_term(const char *term, size_t len, void *arg)
{
	buf_addc(arg, (char)len);
	buf_add(arg, term, len);
	return 0;
}

static int bag_add(struct store *s, struct bag *b, const char *text)
{
	if (!text)
		return 0;
	if (!b->t && !(b->t = trigrams_new(s->db)))
		return store_fail(s, "finding the trigram tokenizer");
	return trigrams_each_new(b->t, text, strlen(text), bag_term, &b->terms);
}

static void bag_free(struct bag *b)
{
	trigrams_free(b->t);
	buf_free(&b->terms);
	memset(b, 0, sizeof *b);
}

/* The index merged (what the deleted rows left in older segments goes),
 * then the bag's trigrams that no text has any more dropped. */
static int bag_empty(struct store *s, struct bag *b)
{
	int rc = store_search_merge(s);
	for (size_t i = 0; rc == 0 && i < b->terms.len; ) {
		size_t n = (unsigned char)b->terms.s[i];
		rc = store_trigram_drop_unused(s, b->terms.s + i + 1, n);
		i += 1 + n;
	}
	bag_free(b);
	return rc;
}

static int take_path(int64_t unused, const char *path, void *arg)
{
	(void)unused;
	strs_add(arg, path);
	return 0;
}

/* Record post id as kind (reason may be NULL), with the paths of its
 * files, its file name when it has none; then delete it.  1 and *g, 0
 * when there is no such post (any more), -1. */
static int take_down(struct store *s, int64_t id, const char *kind,
		     const char *reason, const struct strs *files,
		     struct bag *bag, struct gist *g)
{
	int rc = store_post_gist(s, id, g);
	if (rc <= 0)
		return rc;
	int64_t record = store_takedown_add(s, g, kind, reason);
	char *key = store_entry_key(s, id), *text = NULL;
	rc = record < 0 ? -1 : 0;
	for (size_t i = 0; rc == 0 && i < files->n; i++)
		rc = store_takedown_file_add(s, record, files->v[i],
					     base_name(files->v[i]));
	if (rc == 0 && !files->n && key)
		rc = store_takedown_file_add(s, record, key, key);
	if (rc == 0)
		rc = store_post_delete(s, id, &text);
	if (rc == 0)
		rc = bag_add(s, bag, text);
	free(text);
	free(key);
	if (rc < 0)
		gist_free(g);
	return rc < 0 ? -1 : 1;
}

/* --remove of post id, named by arg: 1, 0 when gone already, -1. */
static int remove_post(struct store *s, int64_t id, const char *arg,
		       const char *reason, struct bag *bag)
{
	struct strs files = {0};
	struct gist g;
	int rc = store_post_files(s, id, take_path, &files) < 0 ? -1
		: take_down(s, id, "removed", reason, &files, bag, &g);
	if (rc > 0) {
		say_post(arg, "removed", &g, "");
		gist_free(&g);
	}
	strs_free(&files);
	return rc;
}

/* arg named posts already taken down: say so (not an error). */
static int said_gone(struct store *s, const char *arg)
{
	struct ids ids = {0};
	int rc = resolve(s, RECORDS, arg, &ids);
	struct gist g;
	if (rc == 0 && ids.n && store_takedown_gist(s, ids.v[0], &g) > 0) {
		say_post(arg, "already taken down:", &g, "");
		gist_free(&g);
	}
	free(ids.v);
	return rc < 0 ? -1 : ids.n > 0;
}

/* One argument of --remove: 1 when it named posts, 0 when none, -1. */
static int remove_arg(struct store *s, const char *arg, const char *reason,
		      struct bag *bag, long *removed)
{
	struct ids ids = {0};
	int rc = resolve(s, POSTS, arg, &ids);
	for (size_t i = 0; rc >= 0 && i < ids.n; i++) {
		rc = remove_post(s, ids.v[i], arg, reason, bag);
		*removed += rc > 0;
	}
	if (rc >= 0 && !ids.n && (rc = said_gone(s, arg)) == 0)
		say(arg, "matches no post (give a post file's path, the URL "
		    "of an article or of its share link, or its infoCode)");
	free(ids.v);
	return rc < 0 ? -1 : ids.n > 0 || rc > 0;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int takedown_remove(struct store *s, char *const *args, int n,
		    const char *reason)
{
	double t0 = seconds();
	struct bag bag = {0};
	long removed = 0, unmatched = 0;
	int rc = store_begin(s) < 0 || store_secure_delete(s) < 0 ? -1 : 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		int k = remove_arg(s, args[i], reason, &bag, &removed);
		rc = k < 0 ? -1 : 0;
		unmatched += k == 0;
	}
	/* ranks and names mended, the index merged, the trigrams dropped;
	 * pages say the store changed (Last-Modified) */
	if (rc == 0 && removed)
		rc = store_finish(s) < 0 || bag_empty(s, &bag) < 0 ||
		     store_site_modified(s, (int64_t)time(NULL)) < 0 ? -1 : 0;
	bag_free(&bag);
	if (rc < 0 || store_commit(s) < 0) {
		store_rollback(s);
		log_error("finews-import: the store is unchanged");
		return 2;
	}
	/* the old pages, which held the posts, overwritten in the file */
	store_checkpoint(s);
	log_info("finews-import: %ld removed, %ld not found, %.2f s",
		 removed, unmatched, seconds() - t0);
	return unmatched ? 1 : 0;
}

/* ---- restoring ---------------------------------------------------------- */

struct restore {
	const char *arg;
	void (*add)(const char *path, void *arg);
	void *add_arg;
	struct strs gone;   /* the record's files not there now */
	int back;           /* its files handed back to the import */
};

static int restore_file(const char *path, const char *key, void *arg)
{
	(void)key;
	struct restore *r = arg;
	struct stat st;
	if (path[0] == '/' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		r->add(path, r->add_arg);
		r->back++;
	} else {
		strs_add(&r->gone, path);
	}
	return 0;
}

/* Drop record id, handing its files that are still there to the import. */
static int restore_record(struct store *s, int64_t id, struct restore *r)
{
	struct gist g;
	int rc = store_takedown_gist(s, id, &g);
	if (rc <= 0)
		return rc;
	rc = store_takedown_files(s, id, restore_file, r) < 0 ||
	     store_takedown_delete(s, id) < 0 ? -1 : 0;
	if (rc == 0) {
		say_post(r->arg, "restored", &g, r->back
			 ? "; its file is imported again" : "");
		for (size_t i = 0; !r->back && i < r->gone.n; i++) {
			struct buf b = {0};
			add_shown(&b, r->gone.v[i]);
			buf_printf(&b, ": not there; the post comes back when a "
				   "file named %s is imported", base_name(r->gone.v[i]));
			say_buf(LOG_LEVEL_INFO, &b);
		}
	}
	gist_free(&g);
	strs_free(&r->gone);
	r->back = 0;
	return rc;
}

int takedown_restore(struct store *s, char *const *args, int n,
		     void (*add)(const char *path, void *arg), void *arg,
		     long *unmatched)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		struct ids ids = {0};
		struct restore r = {args[i], add, arg, {0}, 0};
		rc = resolve(s, RECORDS, args[i], &ids);
		for (size_t k = 0; rc == 0 && k < ids.n; k++)
			rc = restore_record(s, ids.v[k], &r) < 0 ? -1 : 0;
		if (rc == 0 && !ids.n) {
			say(args[i], "matches nothing taken down (nothing to restore)");
			++*unmatched;
		}
		free(ids.v);
	}
	return rc;
}

/* ---- pruning ------------------------------------------------------------ */

/* The files imported from under a folder, and which of them are gone. */
struct listing {
	struct listed {
		int64_t post;
		char *path;
		size_t dir;    /* the length of its folder's path */
		int gone;
	} *v;
	size_t n;
};

static int take_listed(int64_t post, const char *path, void *arg)
{
	struct listing *l = arg;
	struct stat st;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	struct listed *f = &l->v[l->n++];
	f->post = post;
	f->path = xstrdup(path);
	f->dir = (size_t)(strrchr(path, '/') - path);
	f->gone = lstat(path, &st) < 0 && (errno == ENOENT || errno == ENOTDIR);
	return 0;
}

static void listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
}

/* By folder, then path. */
static int by_folder(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	size_t n = x->dir < y->dir ? x->dir : y->dir;
	int c = memcmp(x->path, y->path, n);
	if (c == 0 && x->dir != y->dir)
		c = x->dir < y->dir ? -1 : 1;
	return c ? c : strcmp(x->path, y->path);
}

static int same_folder(const struct listed *a, const struct listed *b)
{
	return a->dir == b->dir && !memcmp(a->path, b->path, a->dir);
}

/* A folder none of whose imported files is left was moved, emptied or
 * not mounted, more likely than deleted post by post: its files are
 * kept, with a line.  The files still counted as gone. */
static size_t spare_emptied(struct listing *l)
{
	qsort(l->v, l->n, sizeof *l->v, by_folder);
	size_t gone = 0;
	for (size_t i = 0, end; i < l->n; i = end) {
		size_t left = 0;
		for (end = i; end < l->n && same_folder(&l->v[end], &l->v[i]); end++)
			left += !l->v[end].gone;
		if (left) {
			gone += end - i - left;
			continue;
		}
		struct buf b = {0};
		add_shown_n(&b, l->v[i].path, l->v[i].dir);
		buf_printf(&b, ": --prune: none of the %zu files imported "
			   "from this folder is left; nothing is pruned there (a "
			   "folder moved, emptied or not mounted?)", end - i);
		say_buf(LOG_LEVEL_WARNING, &b);
		for (size_t k = i; k < end; k++)
			l->v[k].gone = 0;
	}
	return gone;
}

/* Post i's deleted files forgotten; once it has none left, the post
 * removed as "pruned", with a line.  1 when removed, 0, -1. */
static int prune_post(struct store *s, struct listing *l, size_t i,
		      struct bag *bag)
{
	struct strs files = {0};
	int64_t post = l->v[i].post;
	int rc = 0;
	for (size_t k = i; rc == 0 && k < l->n; k++)
		if (l->v[k].post == post && l->v[k].gone) {
			rc = store_file_delete(s, l->v[k].path);
			strs_add(&files, l->v[k].path);
			l->v[k].gone = 0;   /* seen to */
		}
	long left = rc < 0 ? -1 : store_post_file_count(s, post);
	struct gist g;
	rc = left < 0 ? -1 : left > 0 ? 0
		: take_down(s, post, "pruned", NULL, &files, bag, &g);
	if (rc > 0) {
		say_post(files.v[0], "file deleted: pruned", &g, "");
		gist_free(&g);
	}
	strs_free(&files);
	return rc;
}

static long prune_folder(struct store *s, const char *folder, struct bag *bag)
{
	struct buf prefix = {0};
	buf_printf(&prefix, "%s/", strcmp(folder, "/") ? folder : "");
	struct listing l = {0};
	long removed = store_files_under(s, prefix.s, take_listed, &l) < 0 ? -1 : 0;
	size_t gone = removed == 0 ? spare_emptied(&l) : 0;
	for (size_t i = 0; removed >= 0 && gone && i < l.n; i++)
		if (l.v[i].gone) {
			int rc = prune_post(s, &l, i, bag);
			removed = rc < 0 ? -1 : removed + rc;
		}
	listing_free(&l);
	buf_free(&prefix);
	return removed;
}

long takedown_prune(struct store *s, char *const *folders, size_t n)
{
	struct bag bag = {0};
	long removed = n && store_secure_delete(s) < 0 ? -1 : 0;
	for (size_t i = 0; removed >= 0 && i < n; i++) {
		long k = prune_folder(s, folders[i], &bag);
		removed = k < 0 ? -1 : removed + k;
	}
	if (removed > 0 && bag_empty(s, &bag) < 0)
		removed = -1;
	bag_free(&bag);
	return removed;
}

/* ---- importing ---------------------------------------------------------- */

int takedown_blocks(struct store *s, const char *path)
{
	return store_takedown_blocks(s, path, base_name(path));
}

int takedown_holds_code(struct store *s, const char *code)
{
	struct ids ids = {0};
	int rc = store_takedowns_by_code(s, code, take_id, &ids), held = 0;
	for (size_t i = 0; rc >= 0 && !held && i < ids.n; i++) {
		struct gist g;
		rc = store_takedown_gist(s, ids.v[i], &g);
		if (rc > 0)
			held = !strcmp(g.kind, "removed");
		gist_free(&g);
	}
	free(ids.v);
	return rc < 0 ? -1 : held;
}

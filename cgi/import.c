/*
 * import.c - finews-import, the only program that writes the store.
 *
 *   finews-import [--db FILE] [--prune] PATH...
 *   finews-import [--db FILE] --watch FOLDER...
 *   finews-import [--db FILE] --remove [--reason TEXT] PATH|URL|infoCode...
 *   finews-import [--db FILE] --restore PATH|URL|infoCode...
 *
 * PATH is a Jekyll site folder (its _posts/ and old_post/), a folder of
 * post files or post files.  One run is one transaction (import_run(),
 * which --watch, in watch.c, calls for each batch of changes).  Files whose
 * size and mtime are as last seen, or whose bytes hash as last seen, are
 * skipped; a bad file is reported as "path:line: reason" and the rest go
 * in; a file that is not a post gets "path: skipped: why".
 *
 * Each file goes through the three stages of entry.h: its source reads
 * it into an entry, derive.c derives the post, store-import.c stores
 * both.  A store derived under older rules (DERIVE_VERSION) is first
 * derived again from its stored entries.  Taking posts down, bringing
 * them back and pruning those whose files are gone is takedown.c's.
 *
 * Work is a pipeline over the list of files: the main thread checks each
 * file against the store, a reader thread reads, hashes and derives the
 * files that need it, and the main thread saves the results in order, so
 * deriving one post overlaps storing the one before.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "config.h"
#include "entry.h"
#include "import.h"
#include "log.h"
#include "post.h"
#include "sanitize.h"
#include "store.h"
#include "takedown.h"
#include "util.h"
#include "watch.h"

#define DEFAULT_DB "finews.db"
#define DEFAULT_TZ "Asia/Shanghai"

#define FILE_MAX (8 << 20)   /* bytes: a post is far smaller */
#define WINDOW 8192  /* posts the reader may parse ahead of the writer */
#define WINDOW_BYTES (8 << 20)  /* and their files' bytes, at most (but
				    one post is always let through) */
#define BIG_POST (1 << 20)  /* a file this large is read only once the
			       writer is done with the ones before it, so
			       their peaks of memory never add up */

enum outcome { SKIP, UNCHANGED, TOUCHED, PARSED, FAILED, TAKEN_DOWN, VANISHED };

/* One post file to read, with its site's time zone and the folder it is
 * in ("_posts", "old_post", ""), and what became of it. */
struct job {
	char *path;
	const char *tz;
	const char *folder;
	int known;                   /* the store has seen this file */
	int64_t ctime;               /* its inode's last change, when read */
	struct file_state was, now;
	enum outcome outcome;
	struct entry entry;          /* when PARSED */
	struct post post;
	char *message;               /* an error or warning line, or NULL */
};

/* The hand-over between the reader thread and the writer. */
struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	size_t parsed, saved;        /* jobs done by each side */
	size_t bytes;                /* file bytes parsed, not yet saved */
	int stop;                    /* the writer gave up */
};

struct run {
	struct store store;
	struct job *jobs;
	size_t njobs, capjobs;
	struct site_config *sites;   /* one per site folder seen */
	struct dir_id { dev_t dev; ino_t ino; } *dirs;  /* folders walked */
	size_t ndirs;
	size_t nsites;
	int site_saved;
	long added, updated, unchanged, failed, skipped;
	int progress;                /* draw a bar on stderr */
	int site_changed;            /* _config.yml brought new values */
	long pruned;                 /* posts removed by --prune */
	long rerendered;             /* bodies changed by new HTML rules */
	long rederived;              /* posts derived again by new rules */
	int64_t rederive_last;       /* the last post derived again */
	const char *tz;              /* the store's site's zone, meanwhile */
	struct pipe pipe;
	char **restore;              /* --restore: what to bring back */
	int nrestore;
	long unrestored;             /* of them, those taken down nowhere */
	char **prune;                /* --prune: the folders given */
	size_t nprune;
	struct page_dir { char *path; const char *tz; } *page_dirs;
	size_t npage_dirs;           /* sites' category/ folders to read */
	struct pages_count {         /* what became of their files */
		long added, updated, removed, unchanged, skipped, failed;
	} pages;
	const struct import_hooks *hooks;  /* never NULL */
};

static void usage(FILE *f)
{
	fputs("usage: finews-import [--db FILE] [--prune] PATH...\n"
	      "       finews-import [--db FILE] --watch FOLDER...\n"
	      "       finews-import [--db FILE] --remove [--reason TEXT] PATH|URL|infoCode...\n"
	      "       finews-import [--db FILE] --restore PATH|URL|infoCode...\n"
	      "       finews-import [--db FILE] [--prune] [PATH...] --publish DIR\n"
	      "Import Jekyll posts into the finews store (default ./" DEFAULT_DB ").\n"
	      "PATH is a site folder (with _config.yml, _posts/ and old_post/),\n"
	      "a folder of posts, or post files named YYYY-MM-DD-slug.md|markdown|html.\n"
	      "--prune also removes the posts whose files under the folders given\n"
	      "were deleted.  --watch imports the folders, then each post as soon\n"
	      "as it is written, until SIGTERM or SIGINT.  --remove takes posts\n"
	      "down (their URLs answer 410 Gone, later imports skip their files);\n"
	      "--restore brings them back.  --publish then writes a snapshot of\n"
	      "the store for read replicas as DIR/finews.db, when it changed.\n", f);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_steal(&b);
}

static void add_job(struct run *r, char *path, const char *tz,
		    const char *folder)
{
	if (r->njobs == r->capjobs) {
		r->capjobs = r->capjobs ? 2 * r->capjobs : 256;
		r->jobs = xrealloc(r->jobs, r->capjobs * sizeof *r->jobs);
	}
	memset(&r->jobs[r->njobs], 0, sizeof *r->jobs);
	r->jobs[r->njobs].path = path;
	r->jobs[r->njobs].tz = tz;
	r->jobs[r->njobs].folder = folder;
	r->njobs++;
}

/* The time zone of the site whose _config.yml is at path, when it exists. */
static const char *read_site(struct run *r, const char *config)
{
	if (access(config, F_OK) != 0)
		return DEFAULT_TZ;
	struct site_config c;
	struct post_error err;
	if (config_read(config, &c, &err) < 0) {
		log_error("%s:%d: %s", config, err.line, err.reason);
		r->failed++;
		return DEFAULT_TZ;
	}
	r->sites = xrealloc(r->sites, (r->nsites + 1) * sizeof *r->sites);
	r->sites[r->nsites] = c;
	r->nsites++;
	return c.timezone ? c.timezone : DEFAULT_TZ;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* path as it is shown: a control character in a name (a newline, say)
 * written as an escape, so that each message is one line. */
static char *shown(const char *path)
{
	struct buf b = {0};
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (*s == '\n')
			buf_adds(&b, "\\n");
		else if (*s == '\t')
			buf_adds(&b, "\\t");
		else if (*s < 0x20 || *s == 0x7f)
			buf_printf(&b, "\\x%02x", *s);
		else
			buf_addc(&b, (char)*s);
	}
	return buf_steal(&b);
}

/* "path:line: what" on stderr at level, the path shown safely. */
static void say_at(enum log_level level, const char *path, int line,
		   const char *what, const char *text)
{
	char *p = shown(path);
	if (line)
		log_at(level, "%s:%d: %s%s", p, line, what, text);
	else
		log_at(level, "%s: %s%s", p, what, text);
	free(p);
}

static void say(const char *path, int line, const char *what, const char *text)
{
	say_at(LOG_LEVEL_ERROR, path, line, what, text);
}

/* Information, not a warning: a skipped file is named again at every run. */
static void skip(struct run *r, const char *path, const char *why)
{
	say_at(LOG_LEVEL_INFO, path, 0, "skipped: ", why);
	r->skipped++;
}

/* 1 the first time the folder st is met: a folder is walked once, however
 * many symbolic links lead to it, and never into a loop. */
static int first_visit(struct run *r, const struct stat *st)
{
	for (size_t i = 0; i < r->ndirs; i++)
		if (r->dirs[i].dev == st->st_dev && r->dirs[i].ino == st->st_ino)
			return 0;
	r->dirs = xrealloc(r->dirs, (r->ndirs + 1) * sizeof *r->dirs);
	r->dirs[r->ndirs++] = (struct dir_id){ st->st_dev, st->st_ino };
	return 1;
}

/* The folder label of a folder given on its own: its name when it is
 * one of a site's post folders. */
static const char *folder_label(const char *dir)
{
	const char *base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	return !strcmp(base, "_posts") ? "_posts" :
	       !strcmp(base, "old_post") ? "old_post" : "";
}

int import_classify(const char *path, const char *name, const char **why)
{
	struct stat st;
	int link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode), gone = 0;
	*why = NULL;
	if (link && stat(path, &st) < 0)
		*why = "a broken symbolic link";
	else if (!link && lstat(path, &st) < 0)
		*why = strerror(gone = errno);
	else if (S_ISDIR(st.st_mode))
		*why = name[0] == '.' || name[0] == '_' ? "a folder Jekyll skips "
			"(its name starts with '.' or '_')" : NULL;
	else if (!S_ISREG(st.st_mode))
		*why = "not a regular file";
	else
		source_for(name, why);
	errno = gone;   /* ENOENT: it went away */
	return *why ? -1 : S_ISDIR(st.st_mode) ? IMPORT_FOLDER : IMPORT_FILE;
}

/* Every post file under dir, as Jekyll reads _posts (subfolders too);
 * every other file is named with the reason it is not imported. */
static void walk(struct run *r, const char *dir, const char *folder,
		 const char *tz)
{
	struct stat self;
	if (stat(dir, &self) == 0 && !first_visit(r, &self)) {
		skip(r, dir, "a folder already read (a symbolic link to it, or a loop)");
		return;
	}
	if (r->hooks->folder)   /* before it is read: nothing written after goes unseen */
		r->hooks->folder(r->hooks->arg, dir, folder, tz);
	DIR *d = opendir(dir);
	if (!d) {
		if (r->hooks->watching && errno == ENOENT)
			return;   /* gone since it was seen */
		say(dir, 1, "unreadable: ", strerror(errno));
		r->failed++;
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)   /* an empty folder: names is NULL */
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		const char *why;
		switch (import_classify(path, names[i], &why)) {
		case IMPORT_FOLDER:
			walk(r, path, folder, tz);
			break;
		case IMPORT_FILE:
			add_job(r, path, tz, folder);
			path = NULL;
			break;
		default:
			if (!(r->hooks->watching && errno == ENOENT))
				skip(r, path, why);
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

/* The file name of path, which has a '/'. */
static const char *base_name(const char *path)
{
	return strrchr(path, '/') + 1;
}

/* A site's category/ folder, read once the posts are in. */
static void add_page_dir(struct run *r, const char *path, const char *tz)
{
	for (size_t i = 0; i < r->npage_dirs; i++)
		if (!strcmp(r->page_dirs[i].path, path))
			return;
	r->page_dirs = xrealloc(r->page_dirs,
				(r->npage_dirs + 1) * sizeof *r->page_dirs);
	r->page_dirs[r->npage_dirs++] = (struct page_dir){ xstrdup(path), tz };
}

/* A site folder's _posts/, then its old_post/ (the archive, whose
 * versions are the newer), and its category pages. */
static void gather_site(struct run *r, const char *abs)
{
	char *posts = join(abs, "_posts");
	char *config = join(abs, "_config.yml");
	char *archive = join(abs, "old_post");
	char *pages = join(abs, "category");
	const char *tz = read_site(r, config);
	if (is_dir(posts))
		walk(r, posts, "_posts", tz);
	if (is_dir(archive))
		walk(r, archive, "old_post", tz);
	add_page_dir(r, pages, tz);   /* gone: its pages go */
	free(pages);
	free(archive);
	free(config);
	free(posts);
}

/* Turn one item into jobs; a command-line PATH is a site folder (it has
 * _posts/), a folder, or one file. */
static int gather(struct run *r, const struct import_item *it)
{
	switch (it->kind) {
	case IMPORT_SITE:
		gather_site(r, it->path);
		return 0;
	case IMPORT_FOLDER:
		if (!strcmp(it->folder, "category"))
			add_page_dir(r, it->path, it->tz);
		else
			walk(r, it->path, it->folder, it->tz);
		return 0;
	case IMPORT_FILE:
		add_job(r, xstrdup(it->path), it->tz, it->folder);
		return 0;
	case IMPORT_PATH:
		break;
	}
	const char *arg = it->path;
	char *abs = realpath(arg, NULL);
	if (!abs) {
		say(arg, 1, "unreadable: ", strerror(errno));
		r->failed++;
		return -1;
	}
	char *posts = join(abs, "_posts");
	if (is_dir(posts)) {                            /* a site folder */
		gather_site(r, abs);
	} else if (is_dir(abs)) {                       /* a folder of posts */
		char *config = join(abs, "../_config.yml");
		walk(r, abs, folder_label(abs), read_site(r, config));
		free(config);
	} else {                                        /* one post file */
		char *dir = xstrdup(abs);
		char *config = join(dirname(dir), "../_config.yml");
		const char *tz = read_site(r, config), *why;
		if (!source_for(base_name(abs), &why)) {
			say(abs, 1, "not imported: ", why);
			r->failed++;
		} else
			add_job(r, xstrdup(abs), tz, folder_label(dir));
		free(config);
		free(dir);
	}
	free(posts);
	free(abs);
	return 0;
}

static int save_site(struct run *r)
{
	if (!r->nsites)
		return 0;
	const struct site_config *c = &r->sites[0];
	const char *keys[] = {"title", "description", "url", "lang", "timezone",
			      "author"};
	const char *vals[] = {c->title, c->description, c->url, c->lang,
			      c->timezone, c->author};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		int rc = vals[i] ? store_site_set(&r->store, keys[i], vals[i]) : 0;
		if (rc < 0)
			return -1;
		r->site_changed |= rc;
	}
	return 0;
}

/* When the run changed what readers see, say when: pages send it as
 * Last-Modified, so a run that changed nothing leaves it as it was. */
static int save_modified(struct run *r)
{
	if (!r->added && !r->updated && !r->site_changed && !r->rerendered &&
	    !r->rederived && !r->pruned)
		return 0;
	return store_site_modified(&r->store, (int64_t)time(NULL));
}

/* The run's end and its counts, for finews.fcgi's /_status: in the run's
 * transaction, so a run that failed leaves the last one's. */
static int save_finished(struct run *r)
{
	char result[128];
	snprintf(result, sizeof result, "%ld added, %ld updated, %ld unchanged, "
		 "%ld failed", r->added, r->updated, r->unchanged, r->failed);
	return store_import_finished(&r->store, (int64_t)time(NULL), result);
}

static void progress(struct run *r, size_t done)
{
	if (!r->progress)
		return;
	size_t total = r->njobs;
	if (done != total && done % (total / 100 + 1) != 0)
		return;
	int width = 40, fill = (int)(done * width / (total ? total : 1));
	fprintf(stderr, "\r[%-*.*s] %3zu%% %zu/%zu", width, fill,
		"########################################",
		done * 100 / (total ? total : 1), done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
}

/* The post that keeps p's share code: a code another post holds stays
 * with it, and p goes without, with a warning naming both files; both
 * posts keep their URLs (README: two files, one share code). */
static int keep_code(struct run *r, struct post *p, int64_t id,
		     const char *path)
{
	if (!p->info_code)
		return 0;
	int gone = takedown_holds_code(&r->store, p->info_code);
	if (gone) {
		if (gone > 0)
			log_warn("%s:1: warning: infoCode %s is the code of "
				 "a post taken down; this post goes without it (its "
				 "share link stays 410 Gone)", path, p->info_code);
		free(p->info_code);
		p->info_code = NULL;
		return gone < 0 ? -1 : 0;
	}
	int64_t holder;
	char *hpath = NULL;
	int rc = store_post_by_code(&r->store, p->info_code, &holder, &hpath);
	if (rc == 1 && holder != id) {
		log_warn("%s:1: warning: infoCode %s is also the code of "
			 "%s; both are kept as posts, the share link opens that "
			 "one", path, p->info_code, hpath);
		free(p->info_code);
		p->info_code = NULL;
	}
	free(hpath);
	return rc < 0 ? -1 : 0;
}

/* 1 when post id was derived from a file of another name: an earlier
 * release made one post of two files sharing a share code. */
static int owned_by_other(struct run *r, const struct job *j, int64_t id)
{
	char *key = store_entry_key(&r->store, id);
	int other = key && strcmp(key, j->entry.key) != 0;
	free(key);
	return other;
}

/*
 * Save the derived post; returns 1 added, 2 updated, 3 kept, -1 on a
 * store error.  Each file is its own post, but for a file met for the
 * first time whose name a post of the other archive folder has (_posts/
 * and old_post/: a post moved to the archive): that is its post.  The
 * old_post/ version is the newer one, so a _posts/ version never
 * replaces it, and only the file is recorded.
 */
static int save(struct run *r, struct job *j)
{
	struct post *p = &j->post;
	int64_t id = j->known ? j->was.post_id : 0, old = id;
	if (id && owned_by_other(r, j, id))
		id = 0;
	if (!id && store_entry_pair(&r->store, &j->entry, &id) < 0)
		return -1;
	if (keep_code(r, p, id, j->path) < 0)
		return -1;
	int was = id != 0, kept = 0;
	if (id && !strcmp(j->folder, "_posts")) {
		char *folder = store_entry_folder(&r->store, id);
		kept = folder && !strcmp(folder, "old_post");
		free(folder);
	}
	if (!kept && store_post_save(&r->store, p, &j->entry, j->path, &id) < 0)
		return -1;
	j->now.post_id = id;
	if (store_file_put(&r->store, j->path, &j->now) < 0)
		return -1;
	if (old && old != id && store_post_drop_orphan(&r->store, old) < 0)
		return -1;
	return kept ? 3 : was ? 2 : 1;
}

static char *message(const char *path, int line, const char *what, const char *text)
{
	struct buf b = {0};
	char *p = shown(path);
	buf_printf(&b, "%s:%d: %s%s\n", p, line, what, text);
	free(p);
	return buf_steal(&b);
}

static char *too_large(const char *path, int64_t size)
{
	char what[80];
	snprintf(what, sizeof what, "%.1f MB; a post may have %d MB at most",
		 size / 1048576.0, FILE_MAX >> 20);
	return message(path, 1, "too large: ", what);
}

/* The line for a file taken down (finews-import --remove). */
static char *taken_down(const char *path)
{
	struct buf b = {0};
	char *p = shown(path);
	buf_printf(&b, "%s: skipped: taken down (finews-import --restore %s "
		   "brings it back)\n", p, p);
	free(p);
	return buf_steal(&b);
}

/* The memo's entry for path, or where it would go (*at). */
static struct bad_file *memo_find(struct import_memo *m, const char *path,
				  size_t *at)
{
	size_t lo = 0, hi = m ? m->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, m->v[mid].path);
		if (c == 0)
			return &m->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*at = lo;
	return NULL;
}

/* Remember that j's file, as it is now, failed. */
static void memo_put(struct import_memo *m, const struct job *j)
{
	size_t at;
	struct bad_file *b = memo_find(m, j->path, &at);
	if (!b) {
		m->v = xrealloc(m->v, (m->n + 1) * sizeof *m->v);
		memmove(&m->v[at + 1], &m->v[at], (m->n - at) * sizeof *m->v);
		m->n++;
		b = &m->v[at];
		b->path = xstrdup(j->path);
	}
	b->size = j->now.size;
	b->ctime = j->ctime;
	b->round = m->round;
}

static void memo_drop(struct import_memo *m, const char *path)
{
	size_t at;
	struct bad_file *b = memo_find(m, path, &at);
	if (!b)
		return;
	free(b->path);
	at = (size_t)(b - m->v);
	memmove(b, b + 1, (m->n - at - 1) * sizeof *m->v);
	m->n--;
}

/* 1 when j's file failed before and has not changed since. */
static int memo_known(struct import_memo *m, const struct job *j)
{
	size_t at;
	struct bad_file *b = memo_find(m, j->path, &at);
	if (!b || b->size != j->now.size || b->ctime != j->ctime)
		return 0;
	b->round = m->round;
	return 1;
}

void import_memo_prune(struct import_memo *m)
{
	size_t kept = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].round == m->round)
			m->v[kept++] = m->v[i];
		else
			free(m->v[i].path);
	m->n = kept;
}

void import_memo_free(struct import_memo *m)
{
	m->round++;
	import_memo_prune(m);
	free(m->v);
	m->v = NULL;
}

/* Stage 1, in the writer: is the file as the store last saw it? */
static int check(struct run *r, struct job *j)
{
	struct stat st;
	j->known = store_file_get(&r->store, j->path, &j->was);
	if (j->known < 0)
		return -1;
	int gone = j->known ? 0 : takedown_blocks(&r->store, j->path);
	if (gone) {
		j->outcome = TAKEN_DOWN;
		j->message = taken_down(j->path);
		return gone < 0 ? -1 : 0;
	}
	if (stat(j->path, &st) < 0) {
		if (r->hooks->watching && errno == ENOENT) {
			j->outcome = VANISHED;
			return 0;
		}
		j->outcome = FAILED;
		j->message = message(j->path, 1, "unreadable: ", strerror(errno));
		return 0;
	}
	j->now.size = st.st_size;
	j->now.mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	j->ctime = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
	if (!(j->known && j->was.size == j->now.size &&
	      j->was.mtime == j->now.mtime) && memo_known(r->hooks->memo, j)) {
		j->outcome = FAILED;   /* said already, counted again */
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		j->outcome = FAILED;
		j->message = message(j->path, 1, "not a regular file", "");
		return 0;
	}
	if (st.st_size > FILE_MAX) {
		j->outcome = FAILED;
		j->message = too_large(j->path, st.st_size);
		return 0;
	}
	j->now.post_id = j->known ? j->was.post_id : 0;
	if (j->known && j->was.size == j->now.size && j->was.mtime == j->now.mtime)
		j->outcome = UNCHANGED;
	return 0;
}

/* Stage 2, in the reader: read, hash and parse a file. */
static void parse(struct job *j, int watching)
{
	char *data;
	size_t len;
	if (read_file_max(j->path, FILE_MAX, &data, &len) < 0) {
		if (watching && errno == ENOENT) {
			j->outcome = VANISHED;
			return;
		}
		j->outcome = FAILED;
		j->message = errno == EFBIG ? too_large(j->path, FILE_MAX + 1) :
			errno == ENODEV ? message(j->path, 1, "not a regular file", "") :
			message(j->path, 1, "unreadable: ", strerror(errno));
		return;
	}
	XXH128_hash_t h = XXH3_128bits(data, len);
	XXH128_canonicalFromHash((XXH128_canonical_t *)j->now.hash, h);
	if (j->known && memcmp(j->was.hash, j->now.hash, sizeof j->now.hash) == 0) {
		j->outcome = TOUCHED;
		free(data);
		return;
	}
	const char *name = strrchr(j->path, '/');
	name = name ? name + 1 : j->path;
	struct post_error err;
	const char *why;
	const struct source *src = source_for(name, &why);
	if (!src || src->read(name, j->folder, data, len, &j->entry, &err) < 0) {
		j->outcome = FAILED;
		j->message = message(j->path, src ? err.line : 1, "",
				     src ? err.reason : why);
	} else if (post_derive(&j->entry, j->tz, &j->post, &err) < 0) {
		entry_free(&j->entry);
		j->outcome = FAILED;
		j->message = message(j->path, err.line, "", err.reason);
	} else {
		j->outcome = PARSED;
		if (j->post.warning)
			j->message = message(j->path, j->post.warning_line,
					     "warning: ", j->post.warning);
	}
	free(data);
}

static void *reader(void *arg)
{
	struct run *r = arg;
	struct pipe *q = &r->pipe;
	for (size_t i = 0; i < r->njobs; i++) {
		pthread_mutex_lock(&q->lock);
		while (!q->stop && (i >= q->saved + WINDOW ||
				    (i > q->saved && (q->bytes >= WINDOW_BYTES ||
				     r->jobs[i].now.size > BIG_POST))))
			pthread_cond_wait(&q->cond, &q->lock);
		int stop = q->stop;
		pthread_mutex_unlock(&q->lock);
		if (stop)
			break;
		if (r->jobs[i].outcome == SKIP)
			parse(&r->jobs[i], r->hooks->watching);
		pthread_mutex_lock(&q->lock);
		if (r->jobs[i].outcome == PARSED)
			q->bytes += (size_t)r->jobs[i].now.size;
		q->parsed = i + 1;
		pthread_cond_broadcast(&q->cond);
		pthread_mutex_unlock(&q->lock);
	}
	return NULL;
}

/* Stage 3, in the writer: wait for job i, store it, count it. */
static int store_job(struct run *r, size_t i)
{
	struct pipe *q = &r->pipe;
	pthread_mutex_lock(&q->lock);
	while (q->parsed <= i)
		pthread_cond_wait(&q->cond, &q->lock);
	pthread_mutex_unlock(&q->lock);

	struct job *j = &r->jobs[i];
	int rc = 0;
	if (j->message)
		log_at(j->outcome == FAILED ? LOG_LEVEL_ERROR : LOG_LEVEL_WARNING,
		       "%s", j->message);
	switch (j->outcome) {
	case UNCHANGED:
		r->unchanged++;
		break;
	case TOUCHED:
		r->unchanged++;
		rc = store_file_touch(&r->store, j->path, j->now.size, j->now.mtime);
		break;
	case FAILED:
		r->failed++;
		if (r->hooks->memo && j->message && j->ctime)
			memo_put(r->hooks->memo, j);
		break;
	case TAKEN_DOWN:
		r->skipped++;
		break;
	case PARSED:
		rc = save(r, j);
		if (rc == 1)
			r->added++;
		else if (rc == 2)
			r->updated++;
		else if (rc == 3)
			r->unchanged++;
		post_free(&j->post);
		entry_free(&j->entry);
		break;
	case SKIP:
	case VANISHED:
		break;
	}
	if (r->hooks->memo && j->outcome != FAILED)
		memo_drop(r->hooks->memo, j->path);
	pthread_mutex_lock(&q->lock);
	if (j->outcome == PARSED)
		q->bytes -= (size_t)j->now.size;
	q->saved = i + 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	return rc < 0 ? -1 : 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int import_files(struct run *r)
{
	for (size_t i = 0; i < r->njobs; i++)
		if (check(r, &r->jobs[i]) < 0)
			return -1;
	struct pipe *q = &r->pipe;
	pthread_t th;
	if (pthread_create(&th, NULL, reader, r) != 0) {
		log_error("finews-import: cannot start the reader thread");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < r->njobs && rc == 0; i++) {
		rc = store_job(r, i);
		progress(r, i + 1);
	}
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	pthread_join(th, NULL);
	return rc;
}

/* One stored post derived again from its entry, under this program's
 * rules; a post its entry no longer derives is kept as it was. */
static int rederive_one(int64_t id, const char *path, const struct entry *e,
			void *arg)
{
	struct run *r = arg;
	struct post p;
	struct post_error err;
	r->rederive_last = id;
	if (post_derive(e, r->tz, &p, &err) < 0) {
		log_warn("%s:%d: warning: %s; the post is kept as it was",
			 path, err.line, err.reason);
		return 0;
	}
	int rc = keep_code(r, &p, id, path) < 0 ||
		 store_post_save(&r->store, &p, NULL, path, &id) < 0 ? -1 : 0;
	post_free(&p);
	r->rederived += rc == 0;
	return rc;
}

#define REDERIVE_BATCH 256

/* Every stored post derived again from its entry when the store was
 * derived under other rules (DERIVE_VERSION), before the files come in. */
static int rederive(struct run *r)
{
	char *was = store_site_get(&r->store, "derive");
	int same = was && !strcmp(was, DERIVE_VERSION);
	free(was);
	if (same)
		return 0;
	if (store_pages_stale(&r->store) < 0)
		return -1;
	char *tz = store_site_get(&r->store, "timezone");
	r->tz = r->nsites && r->sites[0].timezone ? r->sites[0].timezone :
		tz ? tz : DEFAULT_TZ;
	int n;
	r->rederive_last = 0;
	do
		n = store_entries(&r->store, r->rederive_last, REDERIVE_BATCH,
				  rederive_one, r);
	while (n == REDERIVE_BATCH);
	r->tz = NULL;
	free(tz);
	if (n < 0 || store_finish(&r->store) < 0)
		return -1;
	return store_site_set(&r->store, "derive", DERIVE_VERSION) < 0 ? -1 : 0;
}

/* ---- category pages ------------------------------------------------------
 * A site's category/ folder (not its subfolders) holds a page per
 * category: category/wind.html with layout: category and category: Wind.
 * Each file is read as a post file is (source-jekyll.c), derived by
 * category_page_derive() and kept in category_pages; one unchanged since
 * the last run (size and mtime, else its bytes' hash) costs a stat.  A
 * page whose file is gone from the folder is forgotten: a page holds
 * only a name, nothing a reader could lose. */

/* Why a name in category/ is no page to read, or NULL. */
static const char *page_refused(const char *path, const char *name)
{
	struct stat st;
	const char *ext = strrchr(name, '.');
	if (name[0] == '.' || name[0] == '_')
		return "Jekyll skips names starting with '.' or '_'";
	if (stat(path, &st) < 0)
		return strerror(errno);
	if (S_ISDIR(st.st_mode))
		return "a folder (category pages are read from category/ "
		       "itself, not its subfolders)";
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (!ext || (strcmp(ext, ".html") && strcmp(ext, ".md") &&
		     strcmp(ext, ".markdown")))
		return "not a category page: not .html, .md or .markdown";
	return NULL;
}

/* The page at path read and derived, into the store: 1 added, 2
 * updated, 0 failed or skipped (said), -1 on a store error. */
static int page_read(struct run *r, const char *path, const char *name,
		     struct file_state *f, int known)
{
	struct entry e;
	struct category_page cp;
	struct post_error err;
	char *data;
	size_t len;
	if (read_file_max(path, FILE_MAX, &data, &len) < 0) {
		say(path, 1, "unreadable: ", strerror(errno));
		r->pages.failed++;
		r->failed++;
		return 0;
	}
	int rc = source_jekyll_read(name, "category", data, len, &e, &err);
	free(data);
	if (rc == 0) {
		rc = category_page_derive(&e, &cp, &err);
		entry_free(&e);
	} else if (!strcmp(err.reason, "no front matter")) {
		rc = 1;
		snprintf(err.reason, sizeof err.reason,
			 "not a category page: no front matter");
	}
	if (rc < 0) {
		say(path, err.line, "", err.reason);
		r->pages.failed++;
		r->failed++;
		return 0;
	}
	if (rc > 0) {
		skip(r, path, err.reason);
		r->pages.skipped++;
		return known && store_page_delete(&r->store, path) < 0 ? -1 : 0;
	}
	if (!cp.slug) {
		struct buf b = {0};
		buf_printf(&b, "\"%s\" names no single category (Jekyll makes "
			   "a category of each of its words): the page names "
			   "none", cp.category);
		say_at(LOG_LEVEL_INFO, path, 0, "its category ", b.s);
		buf_free(&b);
	}
	rc = store_page_put(&r->store, path, f, &cp);
	category_page_free(&cp);
	return rc < 0 ? -1 : known ? 2 : 1;
}

/* One file of category/: unchanged, touched, or read again. */
static int page_file(struct run *r, const char *path, const char *name)
{
	struct stat st;
	struct file_state was, now = {0};
	int known = store_page_get(&r->store, path, &was);
	if (known < 0)
		return -1;
	if (stat(path, &st) < 0) {
		say(path, 1, "unreadable: ", strerror(errno));
		r->pages.failed++;
		r->failed++;
		return 0;
	}
	now.size = st.st_size;
	now.mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if (known && was.size == now.size && was.mtime == now.mtime) {
		r->pages.unchanged++;
		return 0;
	}
	char *data;
	size_t len;
	if (read_file_max(path, FILE_MAX, &data, &len) == 0) {
		XXH128_hash_t h = XXH3_128bits(data, len);
		XXH128_canonicalFromHash((XXH128_canonical_t *)now.hash, h);
		free(data);
		if (known && !memcmp(was.hash, now.hash, sizeof now.hash)) {
			r->pages.unchanged++;
			return store_page_touch(&r->store, path, now.size,
						now.mtime);
		}
	}
	int rc = page_read(r, path, name, &now, known);
	if (rc == 1)
		r->pages.added++;
	else if (rc == 2)
		r->pages.updated++;
	return rc < 0 ? -1 : 0;
}

/* The names in category/, sorted, in *names: 0, or -1 when the folder
 * cannot be read (said; a folder gone holds no names). */
static int page_names(struct run *r, const char *dir, char ***names, size_t *n)
{
	*n = 0;
	*names = NULL;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		say(dir, 1, "unreadable: ", strerror(errno));
		r->pages.failed++;
		r->failed++;
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			*names = xrealloc(*names, (*n + 1) * sizeof **names);
			(*names)[(*n)++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof **names, name_cmp);
	return 0;
}

struct gone_pages { const char *dir; char **names; size_t n; struct run *r; };

/* A stored page of the folder whose file is no longer there goes. */
static int page_gone(int64_t id, const char *path, void *arg)
{
	(void)id;
	struct gone_pages *g = arg;
	const char *name = path + strlen(g->dir) + 1;
	if (strchr(name, '/') || (g->n && bsearch(&name, g->names, g->n,
						  sizeof *g->names, name_cmp)))
		return 0;
	g->r->pages.removed++;
	return store_page_delete(&g->r->store, path);
}

/* Every file of one category/ folder, then the pages whose files are
 * gone from it. */
static int read_pages(struct run *r, const struct page_dir *pd)
{
	if (r->hooks->folder)
		r->hooks->folder(r->hooks->arg, pd->path, "category", pd->tz);
	char **names;
	size_t n;
	if (page_names(r, pd->path, &names, &n) < 0)
		return 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = join(pd->path, names[i]);
		errno = 0;
		const char *why = page_refused(path, names[i]);
		if (!why)
			rc = page_file(r, path, names[i]);
		else if (!(r->hooks->watching && errno == ENOENT)) {
			skip(r, path, why);
			r->pages.skipped++;
		}
		free(path);
	}
	struct buf folder = {0};
	buf_printf(&folder, "%s/", pd->path);
	struct gone_pages g = { pd->path, names, n, r };
	if (rc == 0 && store_pages_under(&r->store, folder.s, page_gone, &g) < 0)
		rc = -1;
	buf_free(&folder);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int import_pages(struct run *r)
{
	for (size_t i = 0; i < r->npage_dirs; i++)
		if (read_pages(r, &r->page_dirs[i]) < 0)
			return -1;
	return 0;
}

static void restore_add(const char *path, void *arg)
{
	struct import_item it = { .kind = IMPORT_PATH, .path = path };
	gather(arg, &it);
}

/* --restore: the records go, and the files still there come in. */
static int restore(struct run *r)
{
	return r->nrestore ? takedown_restore(&r->store, r->restore, r->nrestore,
					      restore_add, r, &r->unrestored) : 0;
}

/* --prune: once the files are in, the posts whose files are gone go. */
static int prune(struct run *r)
{
	r->pruned = r->nprune ? takedown_prune(&r->store, r->prune, r->nprune) : 0;
	return r->pruned < 0 ? -1 : 0;
}

static int import_all(struct run *r)
{
	if (store_begin(&r->store) < 0 || restore(r) < 0)
		return -1;
	/* Posts stored under other rules of derivation, or of HTML
	 * (sanitize.h), are derived or rendered again before the files
	 * come in. */
	if (save_site(r) < 0 || rederive(r) < 0 ||
	    (r->store.upgraded_from < 3 &&
	     store_search_backfill(&r->store, post_plain_text) < 0) ||
	    (r->rerendered = store_rerender(&r->store, SANITIZE_VERSION,
					    post_render_html)) < 0 ||
	    import_files(r) < 0 || import_pages(r) < 0 || prune(r) < 0 ||
	    save_modified(r) < 0 ||
	    store_finish(&r->store) < 0 || save_finished(r) < 0 ||
	    store_commit(&r->store) < 0) {
		store_rollback(&r->store);
		log_error("finews-import: the store is unchanged");
		return -1;
	}
	/* Every run ends in WAL mode: a new store is filled first (one write
	 * per page, no reader can be waiting on it yet), then switched.  The
	 * posts are in either way, so a failure here is only a warning. */
	if (store_wal(&r->store) < 0)
		log_warn("finews-import: warning: the store is not in WAL mode yet; "
			 "the next run will try again");
	return 0;
}

/*
 * One import at a time: a second one waits its turn rather than failing
 * on SQLite's busy timeout.  The lock is flock(2) on the store file itself
 * (SQLite's own locks are fcntl(2) locks, which flock does not touch),
 * held until the run ends.  Returns the descriptor, or -1.  A watcher
 * waits in steps, so that it can give up (h->interrupted).
 */
static int take_lock(const char *db, const struct import_hooks *h)
{
	int fd = open(db, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		say(db, 0, "cannot open the store: ", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	log_info("finews-import: another import is writing %s; "
		 "waiting for it to finish", db);
	int step = h->interrupted ? LOCK_NB : 0;
	while (flock(fd, LOCK_EX | step) < 0)
		if (step && errno == EWOULDBLOCK) {
			if (h->interrupted(h->arg, 100)) {
				log_info("finews-import: stopped while waiting; "
					 "the store is unchanged");
				close(fd);
				return -1;
			}
		} else if (errno != EINTR) {
			say(db, 0, "cannot lock the store: ", strerror(errno));
			close(fd);
			return -1;
		}
	return fd;
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];
		if (j->outcome == PARSED && j->post.slug) {
			post_free(&j->post);
			entry_free(&j->entry);
		}
		free(j->message);
		free(j->path);
	}
	free(r->jobs);
	for (size_t i = 0; i < r->nsites; i++)
		config_free(&r->sites[i]);
	free(r->sites);
	free(r->dirs);
	for (size_t i = 0; i < r->nprune; i++)
		free(r->prune[i]);
	free(r->prune);
	for (size_t i = 0; i < r->npage_dirs; i++)
		free(r->page_dirs[i].path);
	free(r->page_dirs);
}

/* --prune: the folders among the PATHs given, as realpath names them. */
static void prune_folders(struct run *r, const struct import_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *abs = realpath(items[i].path, NULL);
		if (abs && is_dir(abs)) {
			r->prune = xrealloc(r->prune, (r->nprune + 1) * sizeof *r->prune);
			r->prune[r->nprune++] = abs;
		} else {
			free(abs);
		}
	}
}

/* --remove: a run of its own (takedown.c); its exit status. */
static int remove_posts(const char *db, char **args, int n, const char *reason)
{
	struct store s;
	static const struct import_hooks none;
	int rc = 2, lock = take_lock(db, &none);
	if (lock >= 0 && store_open(&s, db, 0) == 0) {
		rc = takedown_remove(&s, args, n, reason);
		store_close(&s);
	}
	if (lock >= 0)
		close(lock);
	return rc;
}

/* --publish: a snapshot of the store db into dir.  The store is opened
 * as a writer opens it (it writes nothing): the last connection to close
 * then checkpoints and removes the -wal, -shm and -owner, as an import
 * does; a read-only one would leave them. */
static int publish_store(const char *db, const char *dir)
{
	struct store s;
	struct stat st;
	int e = stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (e) {
		say(dir, 0, "no folder to publish into: ", strerror(e));
		return -1;
	}
	if (access(db, F_OK) != 0) {
		say(db, 0, "no store to publish: ", strerror(errno));
		return -1;
	}
	if (store_open(&s, db, 0) < 0)
		return -1;
	int rc = store_publish(&s, dir);
	store_close(&s);
	return rc;
}

int import_run(const char *db, const struct import_item *items, size_t n,
	       const struct import_hooks *hooks)
{
	static const struct import_hooks none;
	double t0 = now();
	struct run r = {0};
	r.hooks = hooks ? hooks : &none;
	pthread_mutex_init(&r.pipe.lock, NULL);
	pthread_cond_init(&r.pipe.cond, NULL);
	r.restore = r.hooks->restore;
	r.nrestore = r.hooks->nrestore;
	for (size_t i = 0; i < n; i++)
		gather(&r, &items[i]);
	if (r.hooks->prune)
		prune_folders(&r, items, n);
	r.progress = isatty(2) && r.njobs >= 1000;
	int rc = 1, lock = take_lock(db, r.hooks);
	if (lock >= 0 && store_open(&r.store, db, 0) == 0) {
		rc = import_all(&r) < 0 ? 2 : r.failed || r.unrestored ? 1 : 0;
		store_close(&r.store);
	} else {
		rc = 2;
	}
	if (rc != 2 && r.rederived)
		log_info("finews-import: %ld posts derived again under "
			 "the rules of version %s", r.rederived, DERIVE_VERSION);
	if (rc != 2 && r.skipped)
		log_info("finews-import: %ld files skipped, each named "
			 "above with why", r.skipped);
	if (rc != 2 && r.hooks->prune)
		log_info("finews-import: %ld posts pruned (their files "
			 "were deleted)", r.pruned);
	struct pages_count *pc = &r.pages;
	if (rc != 2 && (pc->added || pc->updated || pc->removed ||
			pc->unchanged || pc->skipped || pc->failed))
		log_info("finews-import: category pages: %ld added, %ld updated, "
			 "%ld removed, %ld unchanged, %ld skipped, %ld failed",
			 pc->added, pc->updated, pc->removed, pc->unchanged,
			 pc->skipped, pc->failed);
	if (rc != 2)
		log_info("finews-import: %ld added, %ld updated, %ld unchanged, "
			 "%ld failed, %.2f s", r.added, r.updated, r.unchanged,
			 r.failed, now() - t0);
	if (lock >= 0)
		close(lock);
	run_free(&r);
	pthread_mutex_destroy(&r.pipe.lock);
	pthread_cond_destroy(&r.pipe.cond);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"watch", no_argument, NULL, 'w'},
		{"remove", no_argument, NULL, 'r'},
		{"restore", no_argument, NULL, 'R'},
		{"prune", no_argument, NULL, 'p'},
		{"reason", required_argument, NULL, 'm'},
		{"publish", required_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	const char *db = DEFAULT_DB, *reason = NULL, *publish = NULL;
	int c, watching = 0, removing = 0, restoring = 0, pruning = 0;
	while ((c = getopt_long(argc, argv, "d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'w': watching = 1; break;
		case 'r': removing = 1; break;
		case 'R': restoring = 1; break;
		case 'p': pruning = 1; break;
		case 'm': reason = optarg; break;
		case 'P': publish = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': puts("finews-import " FINEWS_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if ((optind == argc && !publish) ||
	    watching + removing + restoring + pruning > 1 ||
	    (reason && !removing) || (publish && (watching || removing))) {
		usage(stderr);
		return 2;
	}
	if ((removing || restoring) && access(db, F_OK) != 0) {
		say(db, 0, "no store to take posts from or give them back to: ",
		    strerror(errno));
		return 2;
	}
	/* A fixed threshold: each post's large buffers are mapped and given
	 * back when freed; glibc's sliding one (up to 32 MB) would keep them
	 * in the heap, fragmented between the two threads. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	/* A reader of stderr that goes away (| head) must not end the run:
	 * the posts matter more than the messages. */
	signal(SIGPIPE, SIG_IGN);
	if (removing)
		return remove_posts(db, argv + optind, argc - optind, reason);
	if (watching)
		return watch_main(db, argv + optind, (size_t)(argc - optind));
	struct import_hooks asked = {0};
	size_t n = 0;
	if (restoring) {
		asked.restore = argv + optind;
		asked.nrestore = argc - optind;
	} else {
		n = (size_t)(argc - optind);
	}
	asked.prune = pruning;
	struct import_item *items = xmalloc((n ? n : 1) * sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = (struct import_item){ .kind = IMPORT_PATH,
						 .path = argv[optind + i] };
	int rc = n || restoring ? import_run(db, items, n, &asked) : 0;
	free(items);
	if (publish && rc != 2)
		rc = publish_store(db, publish) < 0 ? 2 : rc;
	return rc;
}

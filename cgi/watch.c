/*
 * watch.c - finews-import --watch FOLDER...: posts imported as soon as
 * they are written, by one process, with inotify.
 *
 * It first imports the folders as a plain run does, watching each folder
 * that run reads (and each FOLDER and its parent, where it may be made
 * again).  A post file closed after writing (IN_CLOSE_WRITE) or moved
 * into place (IN_MOVED_TO) then joins the batch waiting, a new folder
 * too; a file only created or still open is never read.  The batch is
 * one run of import_run(), one transaction, once no event has come for
 * QUIET_MS or BATCH_MS after its first.  A name made, written, moved or
 * deleted in a site's category/ has that folder's pages read again (a
 * run reads them all: a stat each when unchanged).  An overflowed event queue, a
 * watched folder moved or deleted, a FOLDER or a site's _posts/,
 * old_post/ or _config.yml made or written, and every RESCAN_SECONDS: a
 * full run, which reads every folder again and watches them anew.
 *
 * A run the store failed is tried again after 1, 2, 4 ... BACKOFF_MAX
 * seconds, its changes kept.  A bad file is said once, and read again
 * only once it changes (import.h: the memo).  The store is locked for
 * each run only, so that an import from the command line takes its turn
 * between two.  SIGTERM and SIGINT, read through a signalfd, end the
 * watcher with status 0 once the run in progress is committed.
 */
#include <errno.h>
#include <limits.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import.h"
#include "log.h"
#include "util.h"
#include "watch.h"

#define QUIET_MS 300         /* a batch is run after this long without events */
#define BATCH_MS 2000        /* or this long after its first event */
#define RESCAN_SECONDS 3600  /* between full runs (FINEWS_RESCAN_SECONDS) */
#define BACKOFF_MAX 60       /* seconds between tries when the store fails */

#define WATCHED (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | \
		 IN_MOVE_SELF | IN_ONLYDIR | IN_DELETE | IN_MOVED_FROM)

/* A folder watched: a folder of posts (with its label and zone), or a
 * FOLDER or its parent (label NULL). */
struct dir {
	int wd;
	char *path;
	const char *label, *tz;     /* static, or interned (struct watch) */
	unsigned round;             /* the full run that last watched it */
};

/* A post file or a folder of posts changed, for the next batch. */
struct change {
	char *path;
	const char *label, *tz;
	int folder;
};

/* A FOLDER of the command line, and the paths whose change means a full
 * run: its _config.yml, and a site's _posts/ and old_post/. */
struct root {
	char *path, *config, *posts, *archive, *pages;
	int site;
};

struct watch {
	const char *db;
	int ifd, sfd;               /* inotify; SIGTERM and SIGINT */
	struct root *roots;
	size_t nroots;
	struct dir *dirs;           /* by wd */
	size_t ndirs;
	struct change *changes;
	size_t nchanges;
	int full;                   /* a full run is due */
	double first, last;         /* the batch's first and last event */
	double rescan_at, retry_at;
	int rescan_seconds;
	int backoff;                /* seconds until the next try, 0 */
	char **zones;               /* time zones met, kept to the end */
	size_t nzones;
	struct import_memo memo;
	unsigned round;             /* full runs begun */
	int watching;               /* said how many folders it watches */
	int stop;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *join(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_steal(&b);
}

static const char *intern_zone(struct watch *w, const char *tz)
{
	for (size_t i = 0; i < w->nzones; i++)
		if (!strcmp(w->zones[i], tz))
			return w->zones[i];
	w->zones = xrealloc(w->zones, (w->nzones + 1) * sizeof *w->zones);
	return w->zones[w->nzones++] = xstrdup(tz);
}

/* The walk's labels are these; a static copy outlives every run. */
static const char *intern_label(const char *label)
{
	static const char *const labels[] = {"_posts", "old_post", "category",
					     ""};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(label, labels[i]))
			return labels[i];
	return "";
}

static struct dir *dir_find(struct watch *w, int wd, size_t *at)
{
	size_t lo = 0, hi = w->ndirs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->dirs[mid].wd == wd)
			return &w->dirs[mid];
		if (w->dirs[mid].wd < wd)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return NULL;
}

static void dir_drop(struct watch *w, struct dir *d)
{
	size_t at = (size_t)(d - w->dirs);
	free(d->path);
	memmove(d, d + 1, (w->ndirs - at - 1) * sizeof *d);
	w->ndirs--;
}

/* Watch the folder at path (again); label NULL keeps what it was. */
static void dir_watch(struct watch *w, const char *path, const char *label,
		      const char *tz)
{
	int wd = inotify_add_watch(w->ifd, path, WATCHED);
	if (wd < 0) {
		if (errno == ENOSPC)
			log_warn("finews-import: %s: cannot watch: no inotify "
				"watch left (sysctl fs.inotify.max_user_watches); "
				"read again every %d s", path, w->rescan_seconds);
		else if (errno != ENOENT && errno != ENOTDIR)
			log_warn("finews-import: %s: cannot watch: %s",
				path, strerror(errno));
		return;
	}
	size_t at;
	struct dir *d = dir_find(w, wd, &at);
	if (!d) {
		w->dirs = xrealloc(w->dirs, (w->ndirs + 1) * sizeof *w->dirs);
		memmove(&w->dirs[at + 1], &w->dirs[at],
			(w->ndirs - at) * sizeof *w->dirs);
		w->ndirs++;
		d = &w->dirs[at];
		*d = (struct dir){ .wd = wd };
	}
	if (label || !d->label) {   /* a folder moved in the tree: its new path */
		free(d->path);
		d->path = xstrdup(path);
	}
	if (label) {
		d->label = intern_label(label);
		d->tz = intern_zone(w, tz);
	}
	d->round = w->round;
}

/* import_hooks: each folder a run reads is watched before it is read. */
static void on_folder(void *arg, const char *path, const char *label,
		      const char *tz)
{
	dir_watch(arg, path, label, tz);
}

static void read_signals(struct watch *w)
{
	struct signalfd_siginfo si;
	while (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (!w->stop)
			log_info("finews-import: %s: stopping",
				si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
		w->stop = 1;
	}
}

/* import_hooks: while another import holds the store, a signal ends the
 * wait. */
static int interrupted(void *arg, int ms)
{
	struct watch *w = arg;
	struct pollfd p = { .fd = w->sfd, .events = POLLIN };
	if (!w->stop && poll(&p, 1, ms) > 0)
		read_signals(w);
	return w->stop;
}

/* An event that the next batch answers: it is run once events calm down. */
static void note(struct watch *w)
{
	double t = now();
	if (!w->nchanges && !w->full)
		w->first = t;
	w->last = t;
}

static void add_change(struct watch *w, const char *path, const struct dir *d,
		       int folder)
{
	note(w);
	w->changes = xrealloc(w->changes, (w->nchanges + 1) * sizeof *w->changes);
	w->changes[w->nchanges++] = (struct change){ xstrdup(path), d->label,
						     d->tz, folder };
}

/* A full run is due, because of path (NULL: of no one path), why. */
static void full_run_due(struct watch *w, const char *path, const char *why)
{
	if (!w->full)
		log_info("finews-import: %s%s%s; reading every folder "
			"again", path ? path : "", path ? ": " : "", why);
	note(w);
	w->full = 1;
}

/* 1 when a change at path changes what a full run reads. */
static int structural(const struct watch *w, const char *path)
{
	for (size_t i = 0; i < w->nroots; i++) {
		const struct root *r = &w->roots[i];
		if (!strcmp(path, r->path) || !strcmp(path, r->config) ||
		    (r->site && (!strcmp(path, r->posts) ||
				 !strcmp(path, r->archive) ||
				 !strcmp(path, r->pages))))
			return 1;
	}
	return 0;
}

static int is_link(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* A name in folder d came (a folder made or moved in) or was written (a
 * file closed after writing or moved in; a symbolic link made). */
static void on_name(struct watch *w, const struct dir *d, const char *name,
		    uint32_t mask)
{
	char *path = join(d->path, name);
	int came = (mask & IN_ISDIR) && (mask & (IN_CREATE | IN_MOVED_TO));
	int written = !(mask & IN_ISDIR) &&
		((mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) ||
		 ((mask & IN_CREATE) && is_link(path)));
	const char *why;
	if (d->label && !strcmp(d->label, "category"))
		add_change(w, d->path, d, 1);   /* its pages read again */
	else if (!came && !written)
		;
	else if (structural(w, path))
		full_run_due(w, path, came ? "made" : "written");
	else if (d->label)
		switch (import_classify(path, name, &why)) {
		case IMPORT_FILE:
			add_change(w, path, d, 0);
			break;
		case IMPORT_FOLDER:
			add_change(w, path, d, 1);
			break;
		default:   /* a temporary file, say: the full runs name it */
			break;
		}
	free(path);
}

static void on_event(struct watch *w, const struct inotify_event *ev)
{
	size_t at;
	if (ev->mask & IN_Q_OVERFLOW) {
		full_run_due(w, NULL, "too many changes at once "
			     "(the event queue overflowed)");
		return;
	}
	struct dir *d = dir_find(w, ev->wd, &at);
	if (!d)
		return;
	if (ev->mask & IN_IGNORED) {       /* the watch is gone */
		dir_drop(w, d);
		note(w);
		w->full = 1;
	} else if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
		full_run_due(w, d->path, "moved or deleted");
	} else if (ev->len) {
		on_name(w, d, ev->name, ev->mask);
	}
}

/* One read's worth of events (about 2,000), so that a storm of them
 * never keeps a batch past its time. */
static void read_events(struct watch *w)
{
	char buf[65536] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n = read(w->ifd, buf, sizeof buf);
	for (char *p = buf; n > 0 && p < buf + n; ) {
		const struct inotify_event *ev = (const void *)p;
		on_event(w, ev);
		p += sizeof *ev + ev->len;
	}
}

static void roots_free(struct watch *w)
{
	for (size_t i = 0; i < w->nroots; i++) {
		free(w->roots[i].path);
		free(w->roots[i].config);
		free(w->roots[i].posts);
		free(w->roots[i].archive);
		free(w->roots[i].pages);
	}
	free(w->roots);
}

static int exists(const char *dir, const char *name)
{
	char *path = join(dir, name);
	int yes = access(path, F_OK) == 0;
	free(path);
	return yes;
}

/* Each FOLDER, which must be one: a site folder (it holds _posts/,
 * old_post/ or _config.yml), else a folder of posts. */
static int roots_init(struct watch *w, char *const *folders, size_t n)
{
	w->roots = xmalloc(n * sizeof *w->roots);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char *abs = realpath(folders[i], NULL);
		if (!abs || stat(abs, &st) < 0 || !S_ISDIR(st.st_mode)) {
			log_error("finews-import: --watch: %s: %s", folders[i],
				abs ? "not a folder (watch the folder that holds it)"
				    : strerror(errno));
			free(abs);
			return -1;
		}
		struct root *r = &w->roots[w->nroots++];
		r->path = abs;
		r->site = exists(abs, "_posts") || exists(abs, "old_post") ||
			  exists(abs, "_config.yml");
		r->posts = join(abs, "_posts");
		r->archive = join(abs, "old_post");
		r->pages = join(abs, "category");
		char *dir = xstrdup(abs);
		r->config = r->site ? join(abs, "_config.yml")
				    : join(dirname(dir), "_config.yml");
		free(dir);
	}
	return 0;
}

/* Before a full run: each FOLDER's parent, and each site folder, watched
 * (the walk watches the folders of posts). */
static void watch_roots(struct watch *w)
{
	for (size_t i = 0; i < w->nroots; i++) {
		char *dir = xstrdup(w->roots[i].path);
		dir_watch(w, dirname(dir), NULL, NULL);
		free(dir);
		if (w->roots[i].site)
			dir_watch(w, w->roots[i].path, NULL, NULL);
	}
}

/* After a full run: stop watching the folders it did not read. */
static void prune_dirs(struct watch *w)
{
	size_t kept = 0;
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].round == w->round) {
			w->dirs[kept++] = w->dirs[i];
		} else {
			inotify_rm_watch(w->ifd, w->dirs[i].wd);
			free(w->dirs[i].path);
		}
	w->ndirs = kept;
}

static void changes_clear(struct watch *w)
{
	for (size_t i = 0; i < w->nchanges; i++)
		free(w->changes[i].path);
	w->nchanges = 0;
}

/* _posts/ before old_post/, as a plain run reads them, then by path. */
static int change_cmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	int ox = !strcmp(x->label, "old_post"), oy = !strcmp(y->label, "old_post");
	if (ox != oy)
		return ox - oy;
	int c = strcmp(x->path, y->path);
	return c ? c : y->folder - x->folder;
}

/* 1 when path is inside one of the folders. */
static int inside(const char *path, const struct import_item *folders,
		  size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(folders[k].path);
		if (!strncmp(path, folders[k].path, len) && path[len] == '/')
			return 1;
	}
	return 0;
}

/* The batch's items: each change once, none inside a folder read whole
 * (a walk would find it twice); the folders first, in items[0..nf). */
static size_t batch_items(struct watch *w, struct import_item *items)
{
	size_t n = 0, nf = 0;
	qsort(w->changes, w->nchanges, sizeof *w->changes, change_cmp);
	for (int folders = 1; folders >= 0; folders--)
		for (size_t i = 0; i < w->nchanges; i++) {
			const struct change *c = &w->changes[i];
			if (c->folder != folders ||
			    (i > 0 && !strcmp(c->path, w->changes[i - 1].path)) ||
			    inside(c->path, items, nf))
				continue;
			items[n++] = (struct import_item){
				folders ? IMPORT_FOLDER : IMPORT_FILE,
				c->path, c->label, c->tz };
			nf += folders;
		}
	return n;
}

static size_t full_items(struct watch *w, struct import_item *items)
{
	for (size_t i = 0; i < w->nroots; i++)
		items[i] = (struct import_item){
			w->roots[i].site ? IMPORT_SITE : IMPORT_PATH,
			w->roots[i].path, NULL, NULL };
	return w->nroots;
}

/* The run of a full run or of the batch; on a store failure it is tried
 * again later, with the same changes and those that come meanwhile. */
static void run_batch(struct watch *w)
{
	int full = w->full;
	if (full) {
		w->memo.round = ++w->round;
		watch_roots(w);
	}
	size_t cap = full ? w->nroots : w->nchanges;
	struct import_item *items = xmalloc((cap ? cap : 1) * sizeof *items);
	size_t n = full ? full_items(w, items) : batch_items(w, items);
	struct import_hooks hooks = { .folder = on_folder,
		.interrupted = interrupted, .arg = w, .memo = &w->memo,
		.watching = 1 };
	int rc = import_run(w->db, items, n, &hooks);
	free(items);
	if (rc == 2) {
		if (!w->stop) {
			w->backoff = w->backoff ? 2 * w->backoff : 1;
			if (w->backoff > BACKOFF_MAX)
				w->backoff = BACKOFF_MAX;
			w->retry_at = now() + w->backoff;
			log_error("finews-import: the store failed; trying "
				"again in %d s (%zu changes waiting%s)", w->backoff,
				w->nchanges, full ? ", and a full run" : "");
		}
		return;
	}
	w->backoff = 0;
	w->retry_at = 0;
	changes_clear(w);
	if (full) {
		w->full = 0;
		prune_dirs(w);
		import_memo_prune(&w->memo);
		w->rescan_at = now() + w->rescan_seconds;
	}
}

/* When the next run is due: the batch once events calm down, or the
 * next full run; never before a failed run may be tried again. */
static double due_at(const struct watch *w)
{
	double t = w->rescan_at;
	if (w->nchanges || w->full) {
		t = w->last + QUIET_MS / 1000.0;
		if (t > w->first + BATCH_MS / 1000.0)
			t = w->first + BATCH_MS / 1000.0;
	}
	return t > w->retry_at ? t : w->retry_at;
}

static void wait_events(struct watch *w, double until)
{
	double ms = (until - now()) * 1000 + 1;
	struct pollfd p[2] = { { .fd = w->ifd, .events = POLLIN },
			       { .fd = w->sfd, .events = POLLIN } };
	if (poll(p, 2, ms < 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms) <= 0)
		return;
	if (p[1].revents)
		read_signals(w);
	if (p[0].revents)
		read_events(w);
}

static int rescan_seconds(void)
{
	const char *s = getenv("FINEWS_RESCAN_SECONDS");
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 && v <= INT_MAX ? (int)v : RESCAN_SECONDS;
}

static int watch_open(struct watch *w)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0 ||
	    (w->sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0 ||
	    (w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		log_error("finews-import: --watch: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void watch_close(struct watch *w)
{
	if (w->ifd >= 0)
		close(w->ifd);
	if (w->sfd >= 0)
		close(w->sfd);
	for (size_t i = 0; i < w->ndirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	changes_clear(w);
	free(w->changes);
	for (size_t i = 0; i < w->nzones; i++)
		free(w->zones[i]);
	free(w->zones);
	import_memo_free(&w->memo);
	roots_free(w);
}

/* Once the first full run is in: how many folders of posts it watches. */
static void say_watching(struct watch *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->ndirs; i++)
		n += w->dirs[i].label && strcmp(w->dirs[i].label, "category");
	log_info("finews-import: watching %zu folder%s of posts", n,
		n == 1 ? "" : "s");
	w->watching = 1;
}

int watch_main(const char *db, char *const *folders, size_t n)
{
	struct watch w = { .db = db, .ifd = -1, .sfd = -1, .full = 1,
			   .rescan_seconds = rescan_seconds() };
	int rc = 0;
	if (roots_init(&w, folders, n) < 0 || watch_open(&w) < 0)
		rc = 2;
	while (rc == 0 && !w.stop) {
		read_signals(&w);
		double t = now();
		if (w.stop)
			break;
		if (!w.full && !w.nchanges && t >= w.rescan_at) {
			w.full = 1;
			w.first = w.last = 0;   /* due at once */
		}
		if ((w.full || w.nchanges) && t >= due_at(&w)) {
			run_batch(&w);
			if (!w.watching && !w.full)
				say_watching(&w);
			continue;
		}
		wait_events(&w, due_at(&w));
	}
	watch_close(&w);
	return rc;
}

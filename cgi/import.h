/*
 * import.h - one import run, one transaction: what finews-import does
 * with the PATHs of its command line, and what its --watch (watch.c)
 * does with each batch of changed files, so that both follow the same
 * rules and say the same lines.
 */
#ifndef FINEWS_IMPORT_H
#define FINEWS_IMPORT_H

#include <stddef.h>
#include <stdint.h>

/* What a run reads.  IMPORT_PATH is a command-line PATH, read as what it
 * is (a site folder, a folder of posts, a post file).  The others are
 * known to be so: IMPORT_SITE a site folder (its _config.yml, _posts/,
 * old_post/, whichever are there), IMPORT_FOLDER a folder of posts and
 * IMPORT_FILE a post file, both with their folder label ("_posts",
 * "old_post" or "") and time zone, which must outlive the run. */
enum import_kind { IMPORT_PATH, IMPORT_SITE, IMPORT_FOLDER, IMPORT_FILE };

struct import_item {
	enum import_kind kind;
	const char *path;            /* absolute, but for IMPORT_PATH */
	const char *folder, *tz;     /* IMPORT_FOLDER and IMPORT_FILE */
};

/* Files a run found bad, so that the runs after it neither read nor
 * report them again until they change (their size or the time their
 * inode last changed: a write, a chmod). */
struct import_memo {
	struct bad_file {
		char *path;
		int64_t size, ctime;
		unsigned round;      /* the round that last met it */
	} *v;                        /* by path */
	size_t n;
	unsigned round;              /* the caller's count of full runs */
};

/* Drop the files no run met in this round; free everything. */
void import_memo_prune(struct import_memo *m);
void import_memo_free(struct import_memo *m);

/* What --watch, --restore or --prune add to a run; every member may
 * be 0. */
struct import_hooks {
	/* Each folder the run is about to read: its path, label, zone. */
	void (*folder)(void *arg, const char *path, const char *label,
		       const char *tz);
	/* While another import holds the store: wait up to ms for a reason
	 * to give up, nonzero when there is one (the run then writes
	 * nothing); without it the run waits as long as it takes. */
	int (*interrupted)(void *arg, int ms);
	void *arg;
	struct import_memo *memo;
	int watching;                /* a file that vanished before it was
					read is no failure, and says nothing */
	/* What a command line asks beside its PATHs (takedown.c): */
	char **restore;              /* --restore: the posts to bring back */
	int nrestore;
	int prune;                   /* --prune the folders among the items */
};

/* One run over items, in one transaction, with its lines on stderr and
 * its summary last: 0, 1 when a file failed, 2 when the store did. */
int import_run(const char *db, const struct import_item *items, size_t n,
	       const struct import_hooks *hooks);

/* What the walk of a folder makes of its entry name at path:
 * IMPORT_FILE, a post file to read; IMPORT_FOLDER, a folder to walk;
 * else -1 and *why it is skipped. */
int import_classify(const char *path, const char *name, const char **why);

#endif

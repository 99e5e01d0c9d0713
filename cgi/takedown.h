/*
 * takedown.h - taking posts down and bringing them back: finews-import
 * --remove, --restore and --prune (README: Takedowns and deletions).
 * A removed post's rows go from the store; a record of its addresses
 * stays (table takedowns), so that they answer 410 Gone (ui-gone.c), and
 * so that an import does not bring a taken-down file back.
 */
#ifndef FINEWS_TAKEDOWN_H
#define FINEWS_TAKEDOWN_H

#include "store.h"

/*
 * --remove: take down the posts the arguments name (a post file's path,
 * a URL or path of the site, a share link or infoCode), in a transaction
 * of its own; reason may be NULL.  One line on stderr per post removed
 * and per argument that named none, then a summary.  Returns the exit
 * status: 0, 1 when an argument named no post, 2 when the store failed.
 */
int takedown_remove(struct store *s, char *const *args, int n,
		    const char *reason);

/*
 * --restore, within an import's transaction, before its files are read:
 * drop the takedown records the arguments name; each of their files
 * still there is handed to add(path, arg) to be imported again.
 * *unmatched counts the arguments that named no record.  0, or -1 when
 * the store failed.
 */
int takedown_restore(struct store *s, char *const *args, int n,
		     void (*add)(const char *path, void *arg), void *arg,
		     long *unmatched);

/*
 * --prune, within an import's transaction, after its files were stored:
 * the posts whose files, imported from under one of folders (absolute,
 * as realpath gives them), have all been deleted are removed, each with a
 * line on stderr and a record of kind "pruned" (410, but no bar to a file
 * that comes back).  A folder where not one imported file is left is not
 * pruned.  The number of posts removed, or -1.
 */
long takedown_prune(struct store *s, char *const *folders, size_t n);

/* For an import: 1 when the file at path was taken down (it is skipped),
 * else 0; -1 when the store failed. */
int takedown_blocks(struct store *s, const char *path);

/* 1 when a post taken down had the share code code: no post imported
 * later gets it (its share link stays 410); else 0; -1. */
int takedown_holds_code(struct store *s, const char *code);

#endif

/*
 * entry.h - stage one of an import: a source file read into a neutral
 * entry, before any rule of the site is applied.
 *
 * An import has three stages, each with one job: a source reads a file
 * into an entry (source.c picks the reader, source-jekyll.c is Jekyll's);
 * derive.c derives a post from an entry (the site's rules: dates,
 * permalink, share code, source, trailing links, Markdown, sanitizing,
 * summary); store-import.c stores posts, with the entry each came from,
 * so that newer rules can derive every stored post again.
 */
#ifndef FINEWS_ENTRY_H
#define FINEWS_ENTRY_H

#include <stddef.h>

#include "post.h"

struct entry {
	const char *source;      /* the reader that made it: "jekyll" */
	char *key;               /* its name in the source: the file name */
	char *folder;            /* where it was found: "_posts", "old_post"
				    or "" (a file given alone) */
	char *format;            /* "markdown" or "html" */
	char *front_matter;      /* raw text, NULL when there is none */
	int fm_line;             /* line of the opening "---" */
	int fm_seen;             /* 1 when Jekyll saw the front matter: its
				    "---" is the first line of the file */
	char *body;              /* raw, as read (after the front matter) */
};

/* One kind of source: which file names it reads, and how. */
struct source {
	const char *name;
	/* NULL when the reader takes a file of this name (without its
	 * folders), else why it does not ("not a post file name: …"). */
	const char *(*refuses)(const char *name);
	/* The file's bytes into *e; -1 with *err on bytes it cannot read. */
	int (*read)(const char *name, const char *folder, const char *data,
		    size_t len, struct entry *e, struct post_error *err);
};

/* The source called name ("jekyll"): its name, as a static string, or
 * NULL when there is none of that name. */
const char *source_named(const char *name);

/* The source for a file name; NULL, with *why, when none takes it. */
const struct source *source_for(const char *name, const char **why);

/* Jekyll post files (source-jekyll.c). */
const char *source_jekyll_refuses(const char *name);
int source_jekyll_read(const char *name, const char *folder, const char *data,
		       size_t len, struct entry *e, struct post_error *err);

/* Free what e holds. */
void entry_free(struct entry *e);

#endif

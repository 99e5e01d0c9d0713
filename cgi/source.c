/*
 * source.c - the table of sources: each kind of file finews-import can
 * read into entries (entry.h).  A new kind of source is a new
 * source-NAME.c and one row here.
 */
#include "entry.h"

#include <stdlib.h>
#include <string.h>

static const struct source sources[] = {
	{"jekyll", source_jekyll_refuses, source_jekyll_read},
};

const struct source *source_for(const char *name, const char **why)
{
	*why = NULL;
	for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
		const char *no = sources[i].refuses(name);
		if (!no)
			return &sources[i];
		if (!*why)
			*why = no;
	}
	return NULL;
}

const char *source_named(const char *name)
{
	for (size_t i = 0; name && i < sizeof sources / sizeof *sources; i++)
		if (!strcmp(sources[i].name, name))
			return sources[i].name;
	return NULL;
}

void entry_free(struct entry *e)
{
	if (!e)
		return;
	free(e->key);
	free(e->folder);
	free(e->format);
	free(e->front_matter);
	free(e->body);
	memset(e, 0, sizeof *e);
}

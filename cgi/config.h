/*
 * config.h - a Jekyll site's _config.yml: the keys finews uses.
 */
#ifndef FINEWS_CONFIG_H
#define FINEWS_CONFIG_H

#include "post.h"

struct site_config {
	char *title, *description, *url, *lang, *timezone, *author;  /* or NULL */
};

/* Read path; returns 0, or -1 with *err ("line: reason"). */
int config_read(const char *path, struct site_config *c, struct post_error *err);
void config_free(struct site_config *c);

#endif

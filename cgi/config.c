/*
 * config.c - read the top-level scalars of a Jekyll _config.yml with
 * libyaml (title, description, url, lang, timezone, author).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

static char **field(struct site_config *c, const char *key)
{
	if (!strcmp(key, "title"))
		return &c->title;
	if (!strcmp(key, "description"))
		return &c->description;
	if (!strcmp(key, "url"))
		return &c->url;
	if (!strcmp(key, "lang"))
		return &c->lang;
	if (!strcmp(key, "timezone"))
		return &c->timezone;
	if (!strcmp(key, "author"))
		return &c->author;
	return NULL;
}

static void take(struct site_config *c, yaml_document_t *doc)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	if (!root || root->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		if (!k || !v || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)
			continue;
		char **f = field(c, (const char *)k->data.scalar.value);
		if (f && v->data.scalar.length) {
			free(*f);
			*f = xstrndup((const char *)v->data.scalar.value,
				      v->data.scalar.length);
		}
	}
}

int config_read(const char *path, struct site_config *c, struct post_error *err)
{
	memset(c, 0, sizeof *c);
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0) {
		err->line = 0;
		snprintf(err->reason, sizeof err->reason, "unreadable");
		return -1;
	}
	size_t bad = utf8_invalid_at(data, len);
	if (bad < len) {
		err->line = 1;
		for (size_t i = 0; i < bad; i++)
			err->line += data[i] == '\n';
		snprintf(err->reason, sizeof err->reason, "invalid UTF-8");
		free(data);
		return -1;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	int rc = 0;
	if (!yaml_parser_load(&parser, &doc)) {
		err->line = (int)parser.problem_mark.line + 1;
		snprintf(err->reason, sizeof err->reason, "YAML error: %s",
			 parser.problem ? parser.problem : "unknown");
		rc = -1;
	} else {
		take(c, &doc);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	free(data);
	return rc;
}

void config_free(struct site_config *c)
{
	free(c->title);
	free(c->description);
	free(c->url);
	free(c->lang);
	free(c->timezone);
	free(c->author);
	memset(c, 0, sizeof *c);
}

/*
 * tmpl.h - the C API to ctemplate (Google's template library, C++),
 * implemented in tmpl.cc.  Templates are loaded by tmpl_init(), in
 * finews.fcgi's master (at start, and again on SIGHUP); each request
 * fills a dictionary and renders it.
 * Every template starts with an AUTOESCAPE pragma (context "HTML" for
 * pages, "XML" for feeds and sitemaps), so values are escaped by
 * ctemplate itself, the XML templates' by finews's own {{NAME:x-xml}}
 * (tmpl.cc: only characters XML allows); the only unescaped value is the
 * article body ({{BODY_HTML:none}} in article.tpl).  robots.txt is plain text with
 * only the sitemap's URL in it.
 */
#ifndef FINEWS_TMPL_H
#define FINEWS_TMPL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct tmpl_dict;   /* a ctemplate::TemplateDictionary */

/* Load and check every template in dir: 0, and they replace those loaded
 * before; or -1 with a line on stderr, and those loaded before stay. */
int tmpl_init(const char *dir);

struct tmpl_dict *tmpl_new(const char *name);
void tmpl_free(struct tmpl_dict *d);   /* only dictionaries from tmpl_new */

void tmpl_set(struct tmpl_dict *d, const char *key, const char *value);
/* The same without a copy: value must last until d is rendered (an
 * article's body, straight from the store's row). */
void tmpl_set_ref(struct tmpl_dict *d, const char *key, const char *value);
void tmpl_set_int(struct tmpl_dict *d, const char *key, long value);
/* Show section once, with no values of its own. */
void tmpl_show(struct tmpl_dict *d, const char *section);
/* Add one repetition of section; the result belongs to d. */
struct tmpl_dict *tmpl_add(struct tmpl_dict *d, const char *section);
/* Fill the {{>NAME}} include with template file; the result belongs to d. */
struct tmpl_dict *tmpl_include(struct tmpl_dict *d, const char *name,
			       const char *file);

/* Render file with d; *out is malloc'ed, the page written into it as it
 * is made (no copy of it).  0, or -1 on an error. */
int tmpl_render(const char *file, struct tmpl_dict *d, char **out, size_t *len);

#ifdef __cplusplus
}
#endif

#endif

/*
 * fuzz-sanitize.c - a fuzz harness for sanitize_html(), what stands
 * between the sources' HTML and the reader's browser.
 *
 *   make fuzz                          libFuzzer (clang), FUZZ_SECONDS
 *   build/test/fuzz-sanitize FILE...   replays inputs (the test suite does)
 *
 * Whatever the bytes, the output must be valid UTF-8, hold none of the
 * dropped tags, and, parsed again by an HTML5 parser as a browser would
 * parse it in the article's page, give only allowlisted elements
 * with allowlisted attributes, links and images with safe URLs, and no
 * comments; sanitizing it again must change nothing.
 */
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../cgi/sanitize.h"
#include "../cgi/util.h"


static void fail(const char *why, const char *detail, const char *out)
{
	fprintf(stderr, "fuzz-sanitize: %s%s%s\n--- output:\n%s\n",
		why, detail ? ": " : "", detail ? detail : "", out);
	abort();
}

/* The first case-insensitive occurrence of needle in s, or NULL. */
static const char *find_ci(const char *s, const char *needle)
{
	size_t k = strlen(needle);
	for (; *s; s++)
		if (!strncasecmp(s, needle, k))
			return s;
	return NULL;
}

static const char *const elements[] = {
	"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b",
	"em", "i", "u", "s", "sub", "sup", "small", "code", "pre",
	"blockquote", "ul", "ol", "li", "table", "caption", "thead", "tbody",
	"tfoot", "tr", "th", "td", "a", "img", "span", "div",
};

static int allowed_attr(const char *tag, const char *name)
{
	static const char *const pairs[][2] = {
		{"a", "href"}, {"a", "title"}, {"a", "rel"},
		{"img", "src"}, {"img", "alt"}, {"img", "title"},
		{"img", "width"}, {"img", "height"}, {"img", "loading"},
		{"p", "class"}, {"span", "class"}, {"div", "class"},
		{"td", "colspan"}, {"td", "rowspan"}, {"th", "colspan"},
		{"th", "rowspan"}, {"ol", "start"},
		/* a table's box (div.table-wrap), a number cell (td.num) */
		{"div", "role"}, {"div", "aria-label"}, {"div", "tabindex"},
		{"td", "class"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (!strcmp(pairs[i][0], tag) && !strcmp(pairs[i][1], name))
			return 1;
	return 0;
}

/* A URL as a browser reads it has an http(s) scheme or none. */
static int safe_url(const char *v)
{
	char *u = xmalloc(strlen(v) + 1);
	size_t k = 0;
	while (*v && (unsigned char)*v <= 0x20)
		v++;
	for (; *v; v++)
		if (*v != '\t' && *v != '\n' && *v != '\r')
			u[k++] = *v;
	u[k] = '\0';
	size_t stop = strcspn(u, ":/?#");
	int ok = u[stop] != ':' || (stop == 4 && !strncasecmp(u, "http", 4)) ||
		 (stop == 5 && !strncasecmp(u, "https", 5));
	free(u);
	return ok;
}

static void check_tree(const GumboNode *node, const char *out, int depth)
{
	if (depth > 500)
		fail("reparsed tree too deep", NULL, out);
	if (node->type == GUMBO_NODE_COMMENT)
		fail("a comment", node->v.text.text, out);
	if (node->type == GUMBO_NODE_TEMPLATE)
		fail("a template", NULL, out);
	if (node->type != GUMBO_NODE_ELEMENT)
		return;
	const GumboElement *e = &node->v.element;
	const char *tag = gumbo_normalized_tagname(e->tag);
	int known = 0;
	for (size_t i = 0; i < sizeof elements / sizeof *elements; i++)
		known |= !strcmp(elements[i], tag);
	if (depth > 0 && (!known || e->tag_namespace != GUMBO_NAMESPACE_HTML))
		fail("element not allowed", *tag ? tag : "(unknown)", out);
	for (unsigned i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		if (!allowed_attr(tag, a->name))
			fail("attribute not allowed", a->name, out);
		if ((!strcmp(a->name, "href") || !strcmp(a->name, "src")) &&
		    !safe_url(a->value))
			fail("unsafe URL", a->value, out);
	}
	for (unsigned i = 0; i < e->children.length; i++)
		check_tree(e->children.data[i], out, depth + 1);
}

static void check(const char *out)
{
	size_t n = strlen(out);
	if (!utf8_valid(out, n))
		fail("invalid UTF-8", NULL, out);
	static const char *const never[] = {
		"<script", "<style", "<iframe", "<svg", "<math", "<object",
		"<embed", "<!--", "<form", "<input", "<noscript", "<template",
	};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (find_ci(out, never[i]))
			fail("dropped tag in the output", never[i], out);
	struct buf doc = {0};
	buf_adds(&doc, "<!DOCTYPE html><body>");
	buf_add(&doc, out, n);
	GumboOptions o = kGumboDefaultOptions;
	o.max_errors = 0;
	GumboOutput *g = gumbo_parse_with_options(&o, doc.s, doc.len);
	const GumboVector *top = &g->root->v.element.children;
	for (unsigned i = 0; i < top->length; i++) {
		const GumboNode *n = top->data[i];
		if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_HEAD &&
		    n->v.element.children.length)
			fail("something in <head>", NULL, out);
		if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY)
			check_tree(n, out, 0);
	}
	gumbo_destroy_output(&o, g);
	buf_free(&doc);
	char *again = sanitize_html(out, n);
	if (strcmp(again, out)) {
		fprintf(stderr, "--- again:\n%s\n", again);
		fail("not stable: sanitizing the output changes it", NULL, out);
	}
	free(again);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	char *out = sanitize_html((const char *)data, len);
	check(out);
	free(out);
	return 0;
}

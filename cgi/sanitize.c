/*
 * sanitize.c - article HTML cut down to an allowlist (see sanitize.h).
 *
 * gumbo parses the body as the content of a document's <body>, as a
 * browser would (as a whole document: gumbo 0.10's fragment parsing
 * fails assertions on some input, "</body>" among it); gumbo has no
 * serializer, so the tree is written back here, walking it
 * with a stack of our own (a hostile body can nest very deep).  Every
 * element is kept (with its allowed attributes), renamed (center ->
 * div), unwrapped (its content kept, the tag not), read as text only
 * (button, object, noscript, svg, math: their text, none of their
 * markup) or dropped with its content (script, style, iframe, ...).
 * Text and attribute values are escaped, so nothing but the tags
 * written here can come out.
 *
 * gumbo's memory comes from an allocator of our own that keeps every
 * block on a list: the tree is freed by walking the list (gumbo frees
 * it recursively, which a deep enough tree turns into a stack
 * overflow), and a parse that would take more than a budget is cut
 * short.  A body that blows the budget, or has more start tags than
 * any article (gumbo's time grows with the square of the nesting), is
 * kept as its text alone.
 */
#include "sanitize.h"

#include "util.h"

#include <gumbo.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TAGS 20000          /* start tags gumbo is given at most */
#define MAX_DEPTH 100           /* elements open in the output at once */
#define BUDGET_BASE (16u << 20) /* gumbo's memory: this much, */
#define BUDGET_PER_BYTE 256     /* and this much per byte of the body */
#define MAX_CLASSES 8           /* class names kept on one element */
#define MAX_CLASS_LEN 64

/* ---- gumbo's memory ------------------------------------------------------ */

struct block {
	struct block *prev, *next;
	size_t size;
};

/* The header before each block, rounded so the block stays aligned. */
#define BLOCK_HEAD ((sizeof(struct block) + 15) & ~(size_t)15)

struct arena {
	struct block list;      /* a ring: list.next is the newest block */
	size_t live, budget;    /* bytes held now, and at most */
	jmp_buf over;           /* where a parse over the budget ends */
};

static void *arena_alloc(void *userdata, size_t n)
{
	struct arena *a = userdata;
	struct block *b = NULL;
	if (n <= a->budget - a->live)
		b = malloc(BLOCK_HEAD + n);
	if (!b)
		longjmp(a->over, 1);
	b->size = n;
	b->prev = &a->list;
	b->next = a->list.next;
	a->list.next->prev = b;
	a->list.next = b;
	a->live += n;
	return (char *)b + BLOCK_HEAD;
}

static void arena_free(void *userdata, void *p)
{
	struct arena *a = userdata;
	if (!p)
		return;
	struct block *b = (struct block *)((char *)p - BLOCK_HEAD);
	b->prev->next = b->next;
	b->next->prev = b->prev;
	a->live -= b->size;
	free(b);
}

static void arena_release(struct arena *a)
{
	struct block *b = a->list.next;
	while (b != &a->list) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	a->list.next = a->list.prev = &a->list;
	a->live = 0;
}

/* What the body is parsed after: no quirks mode (where a <table> would
 * not close a <p>), and everything, <style> and <title> too, in <body>. */
static const char PREFIX[] = "<!DOCTYPE html><body>";

/* The parse, or NULL when it went over the budget (gumbo is left where
 * it was: its memory is all on the arena's list). */
static GumboOutput *parse(struct arena *a, const char *doc, size_t len)
{
	GumboOptions o = kGumboDefaultOptions;
	o.allocator = arena_alloc;
	o.deallocator = arena_free;
	o.userdata = a;
	o.max_errors = 0;
	if (setjmp(a->over))
		return NULL;
	return gumbo_parse_with_options(&o, doc, len);
}

/* The <body> of a parse, or NULL. */
static const GumboNode *body_of(const GumboOutput *out)
{
	if (!out || !out->root || out->root->type != GUMBO_NODE_ELEMENT)
		return NULL;
	const GumboVector *c = &out->root->v.element.children;
	for (unsigned i = 0; i < c->length; i++) {
		const GumboNode *n = c->data[i];
		if (n->type == GUMBO_NODE_ELEMENT &&
		    n->v.element.tag == GUMBO_TAG_BODY)
			return n;
	}
	return NULL;
}

/* ---- escaping ------------------------------------------------------------ */

/* 1 for the code points a parser reads as an error and replaces when it
 * meets them as they are (a character reference can still make them):
 * C1 controls and noncharacters.  (C0 controls are dealt with below.) */
static int unwanted(const unsigned char *s, size_t k)
{
	unsigned cp = s[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) ||
	       (cp & 0xfffe) == 0xfffe;
}

/* Append s[0..n) as text (attr: as a quoted attribute value): & < > (and
 * ") escaped, control characters but tab and newline and noncharacters
 * left out, bytes that are not UTF-8 replaced by U+FFFD. */
static void add_escaped(struct buf *b, const char *s, size_t n, int attr)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			const unsigned char *u = (const unsigned char *)s + i;
			size_t k = utf8_seqlen(u, n - i);
			if (!k)
				buf_adds(b, "\xef\xbf\xbd"), k = 1;
			else if (!unwanted(u, k))
				buf_add(b, s + i, k);
			i += k;
			continue;
		}
		i++;
		switch (c) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"':
			if (attr)
				buf_adds(b, "&quot;");
			else
				buf_addc(b, '"');
			break;
		default:
			if ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n')
				buf_addc(b, (char)c);
			break;
		}
	}
}

static void add_attr(struct buf *b, const char *name, const char *value)
{
	buf_addc(b, ' ');
	buf_adds(b, name);
	buf_adds(b, "=\"");
	add_escaped(b, value, strlen(value), 1);
	buf_addc(b, '"');
}

/* ---- the text-only fallback ---------------------------------------------- */

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* How many "<" + letter, the start of a start tag, s[0..n) holds. */
static size_t count_tags(const char *s, size_t n)
{
	size_t count = 0;
	const char *end = s + n, *p = s;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		if (p < end && is_alpha(*p))
			count++;
	}
	return count;
}

/* Where the element whose start tag begins at s (e.g. "<script") ends,
 * when it is one whose content is not text: after its end tag. */
static const char *skip_raw(const char *s, const char *end)
{
	static const char *const raw[] = {"script", "style", "template"};
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		size_t k = strlen(raw[i]);
		if ((size_t)(end - s) <= k + 1 || strncasecmp(s + 1, raw[i], k) ||
		    is_alnum(s[1 + k]))
			continue;
		for (const char *p = s + 1 + k; p + k + 2 <= end; p++)
			if (p[0] == '<' && p[1] == '/' && !strncasecmp(p + 2, raw[i], k)) {
				const char *gt = memchr(p, '>', (size_t)(end - p));
				return gt ? gt + 1 : end;
			}
		return end;
	}
	return NULL;
}

/* The text of a body gumbo is not given: tags taken out (script and
 * style with their content), character references kept, the rest
 * escaped. */
static char *text_only(const char *s, size_t n)
{
	struct buf b = {0};
	const char *end = s + n, *p = s;
	while (p < end) {
		if (*p == '<') {
			const char *q = skip_raw(p, end);
			if (!q) {
				q = memchr(p, '>', (size_t)(end - p));
				q = q ? q + 1 : end;
			}
			/* a tag may part words: one space for a run of them */
			if (b.len && b.s[b.len - 1] != ' ' && b.s[b.len - 1] != '\n')
				buf_addc(&b, ' ');
			p = q;
			continue;
		}
		if (*p == '&') {
			size_t k = 1;
			while (p + k < end && k <= 32 && (is_alnum(p[k]) || p[k] == '#'))
				k++;
			if (k > 1 && p + k < end && p[k] == ';') {
				buf_add(&b, p, k + 1);
				p += k + 1;
			} else {
				buf_adds(&b, "&amp;");
				p++;
			}
			continue;
		}
		const char *q = p;
		while (q < end && *q != '<' && *q != '&')
			q++;
		add_escaped(&b, p, (size_t)(q - p), 0);
		p = q;
	}
	return buf_steal(&b);
}

/* ---- what becomes of each element ---------------------------------------- */

enum kind {
	KEEP,       /* written as it is, with its allowed attributes */
	AS_DIV,     /* renamed: a block container */
	AS_PRE,
	AS_UL,
	AS_S,
	AS_U,
	AS_CODE,
	UNWRAP,     /* its content kept, the tag not */
	TEXT,       /* its text kept, none of the markup in it */
	DROP,       /* gone with its content */
};

static enum kind html_kind(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B: case GUMBO_TAG_EM:
	case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_S:
	case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_SMALL:
	case GUMBO_TAG_CODE: case GUMBO_TAG_PRE: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
	case GUMBO_TAG_TH: case GUMBO_TAG_TD: case GUMBO_TAG_A:
	case GUMBO_TAG_IMG: case GUMBO_TAG_SPAN: case GUMBO_TAG_DIV:
		return KEEP;
	case GUMBO_TAG_CENTER: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_HGROUP: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
		return AS_DIV;
	case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
		return AS_PRE;
	case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
		return AS_UL;
	case GUMBO_TAG_STRIKE: case GUMBO_TAG_DEL:
		return AS_S;
	case GUMBO_TAG_INS:
		return AS_U;
	case GUMBO_TAG_TT: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP:
		return AS_CODE;
	/* Their text, not their markup: each is a scope of its own in the
	 * parser, so what it holds could nest wrongly once it is gone. */
	case GUMBO_TAG_BUTTON: case GUMBO_TAG_OBJECT: case GUMBO_TAG_APPLET:
	case GUMBO_TAG_MARQUEE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OUTPUT:
	case GUMBO_TAG_LEGEND:
	/* Read as markup here, as text by a browser that runs scripts: its
	 * text is what both have in common. */
	case GUMBO_TAG_NOSCRIPT:
		return TEXT;
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_EMBED:
	case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
	case GUMBO_TAG_BASE: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
	case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
	case GUMBO_TAG_AREA: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_DATALIST:
	case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_OPTION: case GUMBO_TAG_KEYGEN:
	case GUMBO_TAG_ISINDEX: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_MENUITEM: case GUMBO_TAG_WBR: case GUMBO_TAG_SPACER:
	case GUMBO_TAG_NEXTID:
		return DROP;
	default:
		return UNWRAP;  /* font, label, abbr, unknown tags, ... */
	}
}

static enum kind kind_of(const GumboNode *node)
{
	if (node->type == GUMBO_NODE_TEMPLATE)
		return DROP;
	enum kind kind = html_kind(node->v.element.tag);
	/* svg and math: their text, none of their elements (script and
	 * style dropped in them too) */
	if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
		return kind == DROP ? DROP : TEXT;
	return kind;
}

/* ---- attributes ---------------------------------------------------------- */

static const char *attr(const GumboNode *node, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&node->v.element.attributes,
						      name);
	return a ? a->value : NULL;
}

/*
 * The URL v as it may be written out, or NULL.  As a browser reads it:
 * spaces and control characters around it, and tabs and newlines in
 * it, do not count.  Then a URL with a scheme must be http or https;
 * one without is relative, which an image may only be as "//host/...".
 */
static char *clean_url(const char *v, int image)
{
	if (!v)
		return NULL;
	size_t n = strlen(v);
	while (n && (unsigned char)*v <= 0x20)
		v++, n--;
	while (n && (unsigned char)v[n - 1] <= 0x20)
		n--;
	char *u = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			u[k++] = v[i];
	u[k] = '\0';
	size_t stop = strcspn(u, ":/?#");
	int ok;
	if (u[stop] == ':')
		ok = (stop == 4 && !strncasecmp(u, "http", 4)) ||
		     (stop == 5 && !strncasecmp(u, "https", 5));
	else
		ok = image ? !strncmp(u, "//", 2) : k > 0;
	if (!ok) {
		free(u);
		return NULL;
	}
	return u;
}

/* v when it is 1 to max digits, else NULL. */
static const char *digits(const char *v, size_t max)
{
	if (!v)
		return NULL;
	size_t n = strspn(v, "0123456789");
	return n && n <= max && !v[n] ? v : NULL;
}

/* The class names of v made of [A-Za-z0-9_-] only, space-separated;
 * NULL when none. */
static char *clean_class(const char *v)
{
	if (!v)
		return NULL;
	struct buf b = {0};
	int kept = 0;
	while (*v && kept < MAX_CLASSES) {
		size_t sp = strspn(v, " \t\n\f\r");
		v += sp;
		size_t n = strcspn(v, " \t\n\f\r");
		size_t good = 0;
		while (good < n && (is_alnum(v[good]) || v[good] == '_' ||
				    v[good] == '-'))
			good++;
		if (n && good == n && n <= MAX_CLASS_LEN) {
			if (kept++)
				buf_addc(&b, ' ');
			buf_add(&b, v, n);
		}
		v += n;
	}
	if (!kept) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* ---- writing the tree ---------------------------------------------------- */

/*
 * The output is parsed again by the reader's browser, which must build
 * the tree written.  It does for well-formed HTML but where an element
 * left out (unwrapped, read as text) or renamed changes how a start tag
 * is read: an <li> closes an open <li> unless an element like <ul> or
 * <td> is between them, which an unwrapped <dl> no longer is; a heading
 * closes a heading just around it.  So the writer looks at the elements
 * it has open: such an <li> is written as a <div>, such a heading
 * unwrapped; links do not nest; a table starts only where its rows and
 * cells fit under MAX_DEPTH, so that its text never lands in a table.
 */

struct frame {
	const GumboVector *children;
	unsigned next;
	const char *close;      /* the end tag after the children, or NULL */
	size_t pre;             /* a <pre>: where its content starts */
	int text;               /* only text from here down */
	int link;               /* this frame opened an <a> */
	int wrap;               /* a table: its div.table-wrap to close too */
};

struct writer {
	struct buf b;
	struct frame *v;
	size_t n, cap;
	int depth;              /* elements open in the output */
	int in_link;
};

#define NOT_PRE SIZE_MAX

static void push(struct writer *w, const GumboVector *children,
		 const char *close, int text, int link)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 32;
		w->v = xrealloc(w->v, w->cap * sizeof *w->v);
	}
	int pre = close && !strcmp(close, "pre");
	int wrap = close && !strcmp(close, "table");
	w->v[w->n++] = (struct frame){ children, 0, close,
				       pre ? w->b.len : NOT_PRE, text, link,
				       wrap };
	w->depth += (close != NULL) + wrap;
	w->in_link |= link;
}

static int is_heading(const char *name)
{
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2];
}

/* The innermost element open in the output, or "". */
static const char *current(const struct writer *w)
{
	for (size_t i = w->n; i-- > 0;)
		if (w->v[i].close)
			return w->v[i].close;
	return "";
}

/* 1 when an <li> written now would close an open one: no element that
 * stops the parser's search for it (any "special" one the output may
 * hold, but div and p) is open inside that <li>. */
static int li_would_close(const struct writer *w)
{
	static const char *const stops[] = {
		"ul", "ol", "blockquote", "pre", "table", "caption", "thead",
		"tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4",
		"h5", "h6",
	};
	for (size_t i = w->n; i-- > 0;) {
		const char *c = w->v[i].close;
		if (!c)
			continue;
		if (!strcmp(c, "li"))
			return 1;
		for (size_t k = 0; k < sizeof stops / sizeof *stops; k++)
			if (!strcmp(c, stops[k]))
				return 0;
	}
	return 0;
}

/* An <a> with its allowed attributes; 0 when it is not written. */
static int open_link(struct writer *w, const GumboNode *node)
{
	if (w->in_link)
		return 0;  /* links do not nest */
	char *href = clean_url(attr(node, "href"), 0);
	if (!href)
		return 0;
	buf_adds(&w->b, "<a");
	add_attr(&w->b, "href", href);
	free(href);
	const char *title = attr(node, "title");
	if (title)
		add_attr(&w->b, "title", title);
	buf_adds(&w->b, " rel=\"noopener nofollow\">");
	return 1;
}

/* An <img> with its allowed attributes, or its alt text. */
static void write_image(struct writer *w, const GumboNode *node)
{
	const char *alt = attr(node, "alt");
	char *src = clean_url(attr(node, "src"), 1);
	if (!src) {
		if (alt)
			add_escaped(&w->b, alt, strlen(alt), 0);
		return;
	}
	buf_adds(&w->b, "<img");
	add_attr(&w->b, "src", src);
	free(src);
	if (alt)
		add_attr(&w->b, "alt", alt);
	static const char *const more[] = {"title", "width", "height"};
	for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
		const char *v = attr(node, more[i]);
		if (i > 0)
			v = digits(v, 5);
		if (v)
			add_attr(&w->b, more[i], v);
	}
	buf_adds(&w->b, " loading=\"lazy\">");
}

/* ---- tables ------------------------------------------------------------- */

#define CELL_TEXT_MAX 64        /* text read from a cell or a caption */
#define CELL_TEXT_DEPTH 4       /* elements deep it is looked for */

/* The text of node's descendants (depth elements deep at most) added to
 * b while b holds no more than CELL_TEXT_MAX bytes; 0 when there was
 * more than that. */
static int short_text(const GumboNode *node, struct buf *b, int depth)
{
	const GumboVector *v = &node->v.element.children;
	for (unsigned i = 0; i < v->length; i++) {
		const GumboNode *n = v->data[i];
		if (n->type == GUMBO_NODE_ELEMENT && depth > 0) {
			if (!short_text(n, b, depth - 1))
				return 0;
		} else if (n->type == GUMBO_NODE_TEXT ||
			   n->type == GUMBO_NODE_WHITESPACE) {
			buf_adds(b, n->v.text.text);
		}
		if (b->len > CELL_TEXT_MAX)
			return 0;
	}
	return 1;
}

/* 1 for a cell that holds a number alone ("1,234.5", "-3.2%", "+12"):
 * shown right-aligned. */
static int is_number_cell(const GumboNode *td)
{
	struct buf b = {0};
	int ok = short_text(td, &b, CELL_TEXT_DEPTH);
	const char *s = b.s ? b.s : "";
	s += strspn(s, " \t\n\r");
	s += strspn(s, "+-");
	size_t n = strspn(s, "0123456789");
	ok = ok && n > 0;
	size_t k = n + strspn(s + n, "0123456789.,");
	k += strspn(s + k, "%");
	k += strspn(s + k, " \t\n\r");
	ok = ok && s[k] == '\0';
	buf_free(&b);
	return ok;
}

static int is_table_wrap(const GumboNode *div)
{
	const char *c = attr(div, "class");
	return c && !strcmp(c, "table-wrap");
}

/* A table's caption text, or NULL. */
static char *caption_of(const GumboNode *table)
{
	const GumboVector *v = &table->v.element.children;
	for (unsigned i = 0; i < v->length; i++) {
		const GumboNode *n = v->data[i];
		if (n->type != GUMBO_NODE_ELEMENT ||
		    n->v.element.tag != GUMBO_TAG_CAPTION)
			continue;
		struct buf b = {0};
		if (short_text(n, &b, CELL_TEXT_DEPTH) && b.len &&
		    b.s[strspn(b.s, " \t\n\r")])
			return buf_steal(&b);
		buf_free(&b);
		return NULL;
	}
	return NULL;
}

/* A table sits in a box of its own that scrolls sideways on a narrow
 * screen: a region a keyboard can reach, named by its caption. */
static void open_table_wrap(struct writer *w, const GumboNode *table)
{
	char *caption = caption_of(table);
	buf_adds(&w->b, "<div class=\"table-wrap\" role=\"region\"");
	add_attr(&w->b, "aria-label", caption ? caption : "表格");
	buf_adds(&w->b, " tabindex=\"0\">");
	free(caption);
}

/* The attributes a kept element other than a and img may have. */
static void write_attrs(struct writer *w, const GumboNode *node)
{
	switch (node->v.element.tag) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_SPAN:
	case GUMBO_TAG_DIV: {
		char *c = clean_class(attr(node, "class"));
		if (c)
			add_attr(&w->b, "class", c);
		free(c);
		break;
	}
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: {
		if (node->v.element.tag == GUMBO_TAG_TD && is_number_cell(node))
			add_attr(&w->b, "class", "num");
		const char *v = digits(attr(node, "colspan"), 3);
		if (v)
			add_attr(&w->b, "colspan", v);
		v = digits(attr(node, "rowspan"), 3);
		if (v)
			add_attr(&w->b, "rowspan", v);
		break;
	}
	case GUMBO_TAG_OL: {
		const char *v = digits(attr(node, "start"), 9);
		if (v)
			add_attr(&w->b, "start", v);
		break;
	}
	default:
		break;
	}
}

/* The name an element is written with (its attributes written too when
 * it keeps them), or NULL when it is unwrapped; *link when it is an <a>. */
static const char *start_tag(struct writer *w, const GumboNode *node,
			     enum kind kind, int *link)
{
	GumboTag tag = node->v.element.tag;
	const char *name = NULL;
	if (w->depth >= MAX_DEPTH)
		return NULL;
	switch (kind) {
	case KEEP:
		if (tag == GUMBO_TAG_A) {
			*link = open_link(w, node);
			return *link ? "a" : NULL;
		}
		name = gumbo_normalized_tagname(tag);
		if (is_heading(name) && is_heading(current(w)))
			return NULL;
		if (tag == GUMBO_TAG_DIV && is_table_wrap(node))
			return NULL;   /* ours: its table gets a new one */
		if (tag == GUMBO_TAG_TABLE)
			open_table_wrap(w, node);
		if (tag == GUMBO_TAG_LI && li_would_close(w)) {
			name = "div";
			break;
		}
		buf_addc(&w->b, '<');
		buf_adds(&w->b, name);
		write_attrs(w, node);
		buf_addc(&w->b, '>');
		return name;
	case AS_DIV:
		if (!node->v.element.children.length)
			return NULL;
		break;
	case AS_PRE: name = "pre"; break;
	case AS_UL: name = "ul"; break;
	case AS_S: name = "s"; break;
	case AS_U: name = "u"; break;
	case AS_CODE: name = "code"; break;
	default: return NULL;
	}
	if (!name)
		name = "div";
	buf_addc(&w->b, '<');
	buf_adds(&w->b, name);
	buf_addc(&w->b, '>');
	return name;
}

/* Write the start of an element and push its children. */
static void open_element(struct writer *w, const GumboNode *node, int text)
{
	const GumboVector *children = &node->v.element.children;
	enum kind kind = kind_of(node);
	if (kind == DROP)
		return;
	if (text || kind == TEXT || (w->depth >= MAX_DEPTH - 4 &&
				     node->v.element.tag == GUMBO_TAG_TABLE)) {
		push(w, children, NULL, 1, 0);
		return;
	}
	GumboTag tag = node->v.element.tag;
	if (kind == KEEP && tag == GUMBO_TAG_IMG) {
		write_image(w, node);
		return;
	}
	if (kind == KEEP && (tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR)) {
		buf_adds(&w->b, tag == GUMBO_TAG_BR ? "<br>" : "<hr>");
		return;
	}
	int link = 0;
	const char *name = start_tag(w, node, kind, &link);
	push(w, children, name, 0, link);
}

/* Close the innermost frame. */
static void pop(struct writer *w)
{
	struct frame *f = &w->v[w->n - 1];
	/* A parser drops a newline just after <pre>: give it one to drop. */
	if (f->pre != NOT_PRE && w->b.len > f->pre && w->b.s[f->pre] == '\n') {
		buf_addc(&w->b, '\n');
		memmove(w->b.s + f->pre + 1, w->b.s + f->pre, w->b.len - 1 - f->pre);
	}
	if (f->close) {
		buf_adds(&w->b, "</");
		buf_adds(&w->b, f->close);
		buf_addc(&w->b, '>');
		w->depth--;
	}
	if (f->wrap) {
		buf_adds(&w->b, "</div>");
		w->depth--;
	}
	if (f->link)
		w->in_link = 0;
	w->n--;
}

static char *serialize(const GumboNode *root)
{
	struct writer w = {0};
	push(&w, &root->v.element.children, NULL, 0, 0);
	while (w.n) {
		struct frame *f = &w.v[w.n - 1];
		if (f->next == f->children->length) {
			pop(&w);
			continue;
		}
		const GumboNode *node = f->children->data[f->next++];
		switch (node->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
		case GUMBO_NODE_WHITESPACE:
			add_escaped(&w.b, node->v.text.text,
				    strlen(node->v.text.text), 0);
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			open_element(&w, node, f->text);
			break;
		default:
			break;  /* comments */
		}
	}
	free(w.v);
	return buf_steal(&w.b);
}

char *sanitize_html(const char *html, size_t len)
{
	if (!html)
		html = "", len = 0;
	if (count_tags(html, len) > MAX_TAGS)
		return text_only(html, len);
	struct arena *a = xmalloc(sizeof *a);
	a->list.next = a->list.prev = &a->list;
	a->live = 0;
	a->budget = len > (SIZE_MAX - BUDGET_BASE) / BUDGET_PER_BYTE
		? SIZE_MAX : BUDGET_BASE + len * BUDGET_PER_BYTE;
	size_t k = sizeof PREFIX - 1;
	char *doc = xmalloc(k + len + 1);
	memcpy(doc, PREFIX, k);
	memcpy(doc + k, html, len);
	doc[k + len] = '\0';
	/* gumbo 0.10 fails an assertion on a CDATA section inside svg or
	 * math inside a table: "<![CDATA " is a bogus comment instead, as
	 * "<![CDATA[" is anywhere but in svg and math, where only text
	 * is kept. */
	char *end = doc + k + len;
	for (char *p = doc + k; (p = memchr(p, '<', (size_t)(end - p))); p++)
		if ((size_t)(end - p) >= 9 && !memcmp(p, "<![CDATA[", 9))
			p[8] = ' ';
	const GumboNode *body = body_of(parse(a, doc, k + len));
	char *s = body ? serialize(body) : text_only(html, len);
	arena_release(a);
	free(a);
	free(doc);
	return s;
}

char *sanitize_first_image(const char *html)
{
	static const char start[] = "<img src=\"";
	const char *s = html ? strstr(html, start) : NULL;
	if (!s)
		return NULL;
	s += sizeof start - 1;
	size_t n = strcspn(s, "\"");
	static const struct { const char *ref, *c; } refs[] = {
		{"&amp;", "&"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"},
	};
	struct buf b = {0};
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (size_t r = 0; !k && s[i] == '&' && r < 4; r++)
			if (!strncmp(s + i, refs[r].ref, strlen(refs[r].ref))) {
				buf_adds(&b, refs[r].c);
				k = strlen(refs[r].ref);
			}
		if (!k)
			buf_addc(&b, s[i]), k = 1;
		i += k;
	}
	return buf_steal(&b);
}

/*
 * derive.c - stage two of an import: a post derived from an entry
 * (entry.h) by the site's rules.
 *
 * The steps, in order: read the front matter with libyaml; take the date
 * (front matter, else the file name, else a news id in the name) and the
 * permalink's day as Jekyll computed it; cut the navigation links, share
 * link and source link from the end of the body; render the rest with
 * cmark, sanitize it, and take a plain-text summary and the source's name
 * from its text.  No state is kept between calls.  DERIVE_VERSION (post.h)
 * names these rules: change it with them, and every stored post is
 * derived again.
 */
#include "post.h"

#include "entry.h"

#include "date.h"
#include "sanitize.h"
#include "util.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define SUMMARY_CHARS 120
#define TITLE_CHARS 30
#define TITLE_MIN_CHARS 12      /* a title cut at a phrase keeps this many */
#define LIST_MAX 100            /* categories or tags kept, at most */
#define YAML_DEPTH_MAX 16
#define YAML_ALIASES_MAX 16

/* Everything one post_derive() call works with. */
struct ctx {
	const struct entry *e;
	const char *tz;
	struct post *p;
	struct post_error *err;
	int open_line;          /* line of the opening "---" */
	size_t fm_len;          /* the front matter's length */
	char fname_date[11];    /* "" when the name has none */
	char *date;             /* front matter date, NULL when none */
	int date_line;
	int date_plain;         /* the date was a plain YAML scalar */
	char *slug;             /* the front matter's slug, NULL when none */
	char *category;         /* its category field, as written, when a
				   single value */
};

/* ---- small helpers ----------------------------------------------------- */

static void warn(struct ctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err->reason, sizeof c->err->reason, fmt, ap);
	va_end(ap);
	c->err->line = line;
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

/* The first case-insensitive occurrence of needle in s[0..n), or NULL. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	int first = needle[0] | 0x20;
	for (size_t i = 0; i + k <= n; i++)
		if ((s[i] | 0x20) == first && !strncasecmp(s + i, needle, k))
			return s + i;
	return NULL;
}

/* Length of s[0..n) cut to at most max code points; *cut says if it was. */
static size_t utf8_prefix(const char *s, size_t n, size_t max, int *cut)
{
	size_t i = 0, chars = 0;
	while (i < n && chars < max) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	*cut = i < n;
	return i;
}

/* ---- string lists ------------------------------------------------------ */

static void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Append s[0..n) unless it is already there. */
static void strlist_add(struct strlist *l, const char *s, size_t n)
{
	if (l->n >= LIST_MAX) {
		l->over = 1;
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && !memcmp(l->v[i], s, n))
			return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = xstrndup(s, n);
}

/* Append every whitespace-separated word of s[0..n). */
static void strlist_add_words(struct strlist *l, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		size_t start = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (i > start)
			strlist_add(l, s + start, i - start);
	}
}

/* ---- file name --------------------------------------------------------- */

/* 1 when s[0..n) is a "YYYY-MM-DD" that exists on the calendar. */
static int valid_day(const char *s)
{
	return date_valid(s);
}

int post_filename(const char *name, char date[11], char **slug)
{
	if (!name || name[0] == '.' || name[0] == '_' || strchr(name, '/'))
		return 0;
	size_t n = strlen(name);
	const char *dot = strrchr(name, '.');
	if (n < 12 || name[10] != '-' || !dot || dot < name + 12)
		return 0;
	if (strcmp(dot, ".md") && strcmp(dot, ".markdown") &&
	    strcmp(dot, ".html"))
		return 0;
	char day[11];
	memcpy(day, name, 10);
	day[10] = '\0';
	if (!valid_day(day) || !utf8_valid(name, n))
		return 0;
	for (const char *s = name + 11; s < dot; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	if (date)
		memcpy(date, day, 11);
	if (slug)
		*slug = xstrndup(name + 11, (size_t)(dot - (name + 11)));
	return 1;
}

/* ---- Jekyll's names: slugs and categories in URLs ----------------------- */

/* The code point at s (n bytes of valid UTF-8 left), and its length. */
static uint32_t utf8_get(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	*len = utf8_seqlen(u, n);
	uint32_t c = *len == 1 ? u[0] : u[0] & (0xff >> (*len + 1));
	for (size_t i = 1; i < *len; i++)
		c = c << 6 | (u[i] & 0x3f);
	return c;
}

static void utf8_put(struct buf *b, uint32_t c)
{
	char s[4];
	size_t n;
	if (c < 0x80) {
		s[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6), s[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12), s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	} else {
		s[0] = (char)(0xf0 | c >> 18), s[1] = (char)(0x80 | (c >> 12 & 0x3f));
		s[2] = (char)(0x80 | (c >> 6 & 0x3f)), s[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	buf_add(b, s, n);
}

/*
 * 1 when Jekyll's "pretty" slugify keeps code point c: letters, marks and
 * decimal digits (\p{L}, \p{M}, \p{Nd}) and ._~!$&'()+,;=@.  Beyond ASCII
 * this knows the punctuation, symbol and space blocks a news title may
 * hold (Latin-1's, general punctuation, arrows to dingbats, CJK symbols,
 * full-width forms, emoji) and takes the rest for letters.
 */
static int slug_keeps(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		       (c >= 'a' && c <= 'z') || strchr("._~!$&'()+,;=@", (int)c);
	if (c <= 0xbf)
		return c == 0xaa || c == 0xb5 || c == 0xba;
	if (c == 0xd7 || c == 0xf7)
		return 0;
	if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x20a0 && c <= 0x20cf) ||
	    (c >= 0x2190 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x3004) ||
	    (c >= 0x3007 && c <= 0x3020) || c == 0x3030 ||
	    (c >= 0x303d && c <= 0x303f) || (c >= 0xfe10 && c <= 0xfe1f) ||
	    (c >= 0xfe30 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff0f) ||
	    (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65) || (c >= 0xffe0 && c <= 0xffef) ||
	    (c >= 0x1f000 && c <= 0x1faff))
		return 0;
	return 1;
}

/* Jekyll's :title, Utils.slugify(s, mode: "pretty", cased: true): every
 * run of other characters becomes one '-', and a '-' at either end goes. */
static char *jekyll_slug(const char *s)
{
	struct buf b = {0};
	size_t n = strlen(s), len;
	int dash = 0;
	for (size_t i = 0; i < n; i += len) {
		uint32_t c = utf8_get(s + i, n - i, &len);
		if (!slug_keeps(c)) {
			dash = 1;
			continue;
		}
		if (dash)
			buf_addc(&b, '-');
		dash = 0;
		buf_add(&b, s + i, len);
	}
	if (dash)
		buf_addc(&b, '-');
	char *slug = buf_steal(&b);
	size_t k = strlen(slug);
	if (k && slug[k - 1] == '-')
		slug[--k] = '\0';
	if (slug[0] == '-')
		memmove(slug, slug + 1, k);
	return slug;
}

/* The lower case of c as Ruby's String#downcase has it, for the scripts
 * a source's name may be written in: Latin-1, Greek, Cyrillic and the
 * full-width Latin letters (others are left as they are). */
static uint32_t lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f) || (c >= 0xff21 && c <= 0xff3a))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

/*
 * A category as Jekyll's URLs have it: downcased, and cleaned as
 * URL#sanitize_url cleans the path it is in: runs of '/' are one, dots
 * before a '/' go (so "..", "." and "a." lose them), and an empty
 * segment goes.  "" when nothing is left.  So no category makes a link
 * that leaves the site ("//evil.com/") or climbs out of it ("/../").
 */
static char *jekyll_category(const char *s)
{
	struct buf low = {0}, b = {0};
	size_t n = strlen(s), len;
	for (size_t i = 0; i < n; i += len)
		utf8_put(&low, lower(utf8_get(s + i, n - i, &len)));
	const char *p = low.s ? low.s : "";
	while (*p) {
		size_t seg = strcspn(p, "/"), k = seg;
		while (k && p[k - 1] == '.')
			k--;
		if (k) {
			if (b.len)
				buf_addc(&b, '/');
			buf_add(&b, p, k);
		}
		p += seg + (p[seg] == '/');
	}
	buf_free(&low);
	return buf_steal(&b);
}

/* ---- YAML -------------------------------------------------------------- */

/* File line of a mark in the front matter. */
static int yaml_line(const struct ctx *c, yaml_mark_t m)
{
	return c->open_line + 1 + (int)m.line;
}

/* A plain ~, null or empty scalar: YAML's null. */
static int is_null(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return n == NULL;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* A scalar's text, up to any NUL, trimmed; NULL when not a scalar. */
static char *scalar_dup(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE || is_null(n))
		return NULL;
	const char *v = (const char *)n->data.scalar.value;
	size_t len = strnlen(v, n->data.scalar.length);
	while (len && is_space(*v))
		v++, len--;
	while (len && is_space(v[len - 1]))
		len--;
	return xstrndup(v, len);
}

/* Add a categories/tags value: scalars (split on blanks when split),
 * lists flattened; nulls and mappings skipped. */
static void add_values(yaml_document_t *doc, yaml_node_t *n, int split,
		       struct strlist *l, int depth)
{
	if (!n || is_null(n) || depth > 8 || l->n >= LIST_MAX)
		return;
	if (n->type == YAML_SCALAR_NODE) {
		char *v = scalar_dup(n);
		if (split)
			strlist_add_words(l, v, strlen(v));
		else if (*v)
			strlist_add(l, v, strlen(v));
		free(v);
	} else if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++)
			add_values(doc, yaml_document_get_node(doc, *i), 0, l,
				   depth + 1);
	}
}

/* Jekyll's pluralized_array_from_hash: the singular key wins (taken
 * whole), else the plural one (a string split on whitespace). */
static void add_plural(yaml_document_t *doc, yaml_node_t *one,
		       yaml_node_t *many, struct strlist *l)
{
	if (one && !is_null(one))
		add_values(doc, one, 0, l, 0);
	else
		add_values(doc, many, 1, l, 0);
}

/* The keys we read, found in the mapping. */
struct keys {
	yaml_node_t *title, *date, *layout, *category, *categories, *tag, *tags,
		*slug;
};

static void find_keys(yaml_document_t *doc, yaml_node_t *map, struct keys *k)
{
	static const char *const names[] = {
		"title", "date", "layout", "category", "categories", "tag", "tags",
		"slug"
	};
	yaml_node_t **slots[] = {
		&k->title, &k->date, &k->layout, &k->category, &k->categories,
		&k->tag, &k->tags, &k->slug
	};
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start;
	     pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *key = yaml_document_get_node(doc, pr->key);
		if (!key || key->type != YAML_SCALAR_NODE)
			continue;
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (!strcmp((const char *)key->data.scalar.value, names[i]))
				*slots[i] = yaml_document_get_node(doc, pr->value);
	}
}

/* Every category as Jekyll's URLs have it: downcased (jekyll_category). */
static void lower_categories(struct strlist *l)
{
	struct strlist out = {0};
	for (size_t i = 0; i < l->n; i++) {
		char *v = jekyll_category(l->v[i]);
		if (*v)
			strlist_add(&out, v, strlen(v));
		free(v);
	}
	strlist_free(l);
	*l = out;
}

/* Take the fields we know from the root mapping. */
static int read_keys(struct ctx *c, yaml_document_t *doc, yaml_node_t *root)
{
	struct keys k = {0};
	find_keys(doc, root, &k);
	c->p->title = scalar_dup(k.title);
	c->slug = scalar_dup(k.slug);
	c->category = scalar_dup(k.category);
	c->p->layout = scalar_dup(k.layout);
	if (c->p->layout && !*c->p->layout) {
		free(c->p->layout);
		c->p->layout = NULL;
	}
	if (k.date && !is_null(k.date)) {
		c->date_line = yaml_line(c, k.date->start_mark);
		c->date_plain = k.date->type == YAML_SCALAR_NODE &&
			k.date->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		c->date = scalar_dup(k.date);
		if (!c->date)
			return fail(c, c->date_line, "bad date: not a scalar");
	}
	add_plural(doc, k.category, k.categories, &c->p->categories);
	lower_categories(&c->p->categories);
	add_plural(doc, k.tag, k.tags, &c->p->tags);
	if (c->p->categories.over || c->p->tags.over) {
		warn(c, c->open_line, "more than 100 categories or tags; the "
		     "first 100 kept");
	}
	return 0;
}

/* Read the front matter with libyaml; it must be a mapping or empty. */
/*
 * Front matter is a flat mapping of a few keys; refuse what no post needs
 * and what would cost without bound to load: nesting deeper than
 * YAML_DEPTH_MAX (libyaml's loader slows down badly with depth) and more
 * than YAML_ALIASES_MAX aliases (each may stand for a large node).
 * Checked on the event stream, which costs linear time.
 */
static int yaml_bounded(struct ctx *c)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0, aliases = 0, rc = 0;
	if (!yaml_parser_initialize(&parser))
		return fail(c, c->open_line, "YAML error: out of memory");
	yaml_parser_set_input_string(&parser,
		(const unsigned char *)c->p->front_matter, c->fm_len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev))
			break;   /* yaml_parser_load reports the error */
		yaml_event_type_t t = ev.type;
		yaml_mark_t at = ev.start_mark;
		yaml_event_delete(&ev);
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
			depth++;
		else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
			depth--;
		else if (t == YAML_ALIAS_EVENT)
			aliases++;
		if (depth > YAML_DEPTH_MAX) {
			rc = fail(c, yaml_line(c, at), "YAML nested deeper than %d",
				  YAML_DEPTH_MAX);
			break;
		}
		if (aliases > YAML_ALIASES_MAX) {
			rc = fail(c, yaml_line(c, at), "YAML with more than %d aliases",
				  YAML_ALIASES_MAX);
			break;
		}
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

static int parse_yaml(struct ctx *c)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	int rc = 0;
	c->p->front_matter = xstrdup(c->e->front_matter);
	if (yaml_bounded(c) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return fail(c, c->open_line, "YAML error: out of memory");
	yaml_parser_set_input_string(&parser,
		(const unsigned char *)c->p->front_matter, c->fm_len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = fail(c, yaml_line(c, parser.problem_mark), "YAML error: %s",
			  parser.problem ? parser.problem : "unknown");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE && !is_null(root))
		rc = fail(c, yaml_line(c, root->start_mark),
			  "front matter is not a mapping");
	else if (root && root->type == YAML_MAPPING_NODE)
		rc = read_keys(c, &doc, root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* ---- date -------------------------------------------------------------- */

/* A remark for stderr; a second one is appended to the first. */
static void warn(struct ctx *c, int line, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	char text[300];
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (c->p->warning)
		buf_printf(&b, "%s; %s", c->p->warning, text);
	else
		buf_adds(&b, text);
	free(c->p->warning);
	c->p->warning = buf_steal(&b);
	if (!c->p->warning_line)
		c->p->warning_line = line;
}

int post_news_id_day(const char *name, char day[11])
{
	day[0] = '\0';
	for (const char *s = name; *s;) {
		size_t n = strspn(s, "0123456789");
		if (n == 18) {
			char d[11];
			snprintf(d, sizeof d, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
			if (date_valid(d)) {
				memcpy(day, d, sizeof d);
				return 1;
			}
		}
		s += n ? n : 1;
	}
	return 0;
}

/* Copy v for an error message, cut on a character boundary. */
static void quote_value(const char *v, char *out, size_t size)
{
	int cut;
	size_t n = utf8_prefix(v, strlen(v), 60, &cut);
	snprintf(out, size, "%.*s%s", (int)n, v, cut ? "…" : "");
}

/* The day of the file name, else of the news id in it ("" when none);
 * *from says which. */
static void name_day(struct ctx *c, char day[11], const char **from)
{
	*from = "its file name";
	if (c->fname_date[0]) {
		memcpy(day, c->fname_date, 11);
		return;
	}
	*from = "the news id in its file name";
	post_news_id_day(c->e->key, day);
}

/*
 * The instant Jekyll built the permalink from.  Jekyll reads front matter
 * with SafeYAML, which takes a plain (unquoted) "YYYY-MM-DD HH:MM:SS"
 * without an offset as UTC; the URL's day is that instant in the site's
 * zone.  A quoted date, or one without seconds, is a string, which Ruby's
 * Time.parse reads in the site's zone, as date_parse() does; so is a day
 * alone.  A post archived to old_post/ had the site zone's offset added
 * to its date by the scraper: its permalink is the one it had in _posts/,
 * from the date without that offset.
 */
static int64_t permalink_instant(const struct ctx *c)
{
	const struct post *p = c->p;
	int has_offset;
	if (!c->date || !c->date_plain || !date_is_yaml_time(c->date, &has_offset))
		return p->published;
	if (!has_offset)
		return p->published + (int64_t)p->utc_offset * 60;
	if (!strcmp(c->e->folder, "old_post") &&
	    p->utc_offset == date_zone_offset(c->tz, p->published))
		return p->published + (int64_t)p->utc_offset * 60;
	return p->published;
}

/* The date: the front matter's, else the file name's, else the news
 * id's; a bad or missing front matter date is a warning when the name
 * gives one. */
static int resolve_date(struct ctx *c)
{
	struct post *p = c->p;
	char q[128] = "", day[11];
	const char *from;
	int dated = 0;
	if (c->date && *c->date) {
		dated = !date_parse(c->date, c->tz, &p->published, &p->utc_offset);
		p->date_only = dated && !date_has_time(c->date);
		if (!dated)
			quote_value(c->date, q, sizeof q);
	}
	if (!dated) {
		name_day(c, day, &from);
		if (!day[0] ||
		    date_parse(day, c->tz, &p->published, &p->utc_offset))
			return q[0] ? fail(c, c->date_line, "bad date: %s", q)
				    : fail(c, c->open_line, "no date");
		p->date_only = 1;
		if (q[0])
			warn(c, c->date_line, "bad date: %s; dated by %s", q, from);
		else if (!c->fname_date[0])
			warn(c, c->open_line, "no date; dated by %s", from);
	}
	p->zone_offset = date_zone_offset(c->tz, p->published);
	int64_t t = permalink_instant(c);
	char buf[32];
	date_format(t, date_zone_offset(c->tz, t), buf, sizeof buf);
	snprintf(p->day, sizeof p->day, "%.4s/%.2s/%.2s", buf, buf + 5,
		 buf + 8);
	return 0;
}

/* ---- the end of the body ----------------------------------------------- */

/* One line of the body. */
struct line {
	const char *s;
	size_t n;
};

/* Trim blanks on both ends of a line. */
static struct line trim(struct line l)
{
	while (l.n && is_space(*l.s))
		l.s++, l.n--;
	while (l.n && is_space(l.s[l.n - 1]))
		l.n--;
	return l;
}

/* One link of a trailing line: where it goes and what it says. */
struct link {
	struct line url, text;
};

/* Skip s[0..n) at *l when it is there (ASCII case ignored). */
static int skip_ci(struct line *l, const char *s)
{
	size_t k = strlen(s);
	if (l->n < k || strncasecmp(l->s, s, k))
		return 0;
	l->s += k;
	l->n -= k;
	return 1;
}

/* Advance *l to the first byte in stop (or the end); the part skipped. */
static struct line take_until(struct line *l, const char *stop)
{
	struct line t = { l->s, 0 };
	while (t.n < l->n && !strchr(stop, l->s[t.n]))
		t.n++;
	l->s += t.n;
	l->n -= t.n;
	return t;
}

/* "[text](url)" at *l. */
static int md_link(struct line *l, struct link *k)
{
	struct line r = *l;
	if (!skip_ci(&r, "["))
		return 0;
	k->text = take_until(&r, "[]\n");
	if (!skip_ci(&r, "]("))
		return 0;
	k->url = take_until(&r, ") \t");
	if (!k->url.n || !skip_ci(&r, ")"))
		return 0;
	*l = r;
	return 1;
}

/* "<http(s)://url>" at *l: text and url the same. */
static int auto_link(struct line *l, struct link *k)
{
	struct line r = *l;
	if (!skip_ci(&r, "<") || (!starts_with(r.s, r.n, "http://") &&
				  !starts_with(r.s, r.n, "https://")))
		return 0;
	k->url = take_until(&r, "<> \t");
	if (!skip_ci(&r, ">"))
		return 0;
	k->text = k->url;
	*l = r;
	return 1;
}

/* '<a href="url">text</a>', as Jekyll-rendered .html posts have them. */
static int html_link(struct line *l, struct link *k)
{
	struct line r = *l;
	if (!skip_ci(&r, "<a "))
		return 0;
	take_until(&r, "h>");
	if (!skip_ci(&r, "href=") || !r.n || (*r.s != '"' && *r.s != '\''))
		return 0;
	char quote[2] = { *r.s, '\0' };
	r.s++, r.n--;
	k->url = take_until(&r, quote);
	if (!k->url.n || !skip_ci(&r, quote))
		return 0;
	take_until(&r, ">");
	if (!skip_ci(&r, ">"))
		return 0;
	k->text = take_until(&r, "<");
	if (!skip_ci(&r, "</a>"))
		return 0;
	*l = r;
	return 1;
}

/* A line of only links joined by "｜" or "|", maybe in "<p>…</p>".
 * Returns how many (at most max), 0 when it is anything else. */
static size_t link_line(struct line l, struct link *v, size_t max)
{
	size_t n = 0;
	l = trim(l);
	if (skip_ci(&l, "<p>") && l.n >= 4 &&
	    !strncasecmp(l.s + l.n - 4, "</p>", 4))
		l.n -= 4;
	while ((l = trim(l)).n) {
		if (n == max || !(md_link(&l, &v[n]) || auto_link(&l, &v[n]) ||
				  html_link(&l, &v[n])))
			return 0;
		n++;
		l = trim(l);
		if (!skip_ci(&l, "｜") && !skip_ci(&l, "|") && l.n)
			return 0;
	}
	return n;
}

/* Every link's text starts with 返回: navigation. */
static int all_nav(const struct link *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!starts_with(trim(v[i].text).s, trim(v[i].text).n, "返回"))
			return 0;
	return n > 0;
}

/* A link showing its own http(s) URL: the source link. */
static int is_bare_url(const struct link *k)
{
	struct line u = k->url, t = trim(k->text);
	size_t scheme = starts_with(u.s, u.n, "http://") ? 7 :
			starts_with(u.s, u.n, "https://") ? 8 : 0;
	return scheme && u.n > scheme && t.n == u.n && !memcmp(t.s, u.s, u.n);
}

static int is_share_url(struct line u)
{
	return find_ci(u.s, u.n, "NewsShare.html?") != NULL;
}

/* Split s[0..n) into lines; returns how many. */
static size_t split_lines(const char *s, size_t n, struct line **out)
{
	size_t count = 0, cap = 16;
	struct line *v = xmalloc(cap * sizeof *v);
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
		if (count == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[count++] = (struct line){ s + i, len };
		i += len + 1;
	}
	*out = v;
	return count;
}

static char *query_info_code(const char *q);

/* The infoCode of a share link's URL, or NULL. */
static char *share_code(struct line url)
{
	char *u = xstrndup(url.s, url.n);
	const char *q = find_ci(u, url.n, "NewsShare.html?");
	char *code = q ? query_info_code(q + strlen("NewsShare.html?")) : NULL;
	free(u);
	return code;
}

/* Drop the trailing navigation, share and source lines; set source_url,
 * and info_code from the last share link: the post's own. */
static size_t strip_tail(struct post *p, struct line *v, size_t n)
{
	struct link k[8];
	while (n) {
		struct line l = v[n - 1];
		size_t links = link_line(l, k, sizeof k / sizeof *k);
		if (is_blank(l.s, l.n) || all_nav(k, links))
			n--;
		else if (links == 1 && is_share_url(k[0].url)) {
			if (!p->info_code)
				p->info_code = share_code(k[0].url);
			n--;
		} else if (links == 1 && is_bare_url(&k[0]) && !p->source_url) {
			p->source_url = xstrndup(k[0].url.s, k[0].url.n);
			n--;
		} else
			break;
	}
	return n;
}

/* body_md: the body less its trailing links and leading blank lines. */
static void clean_body(struct ctx *c)
{
	struct line *v;
	const char *body = c->e->body ? c->e->body : "";
	size_t n = split_lines(body, strlen(body), &v);
	size_t end = strip_tail(c->p, v, n), start = 0;
	while (start < end && is_blank(v[start].s, v[start].n))
		start++;
	struct buf b = {0};
	for (size_t i = start; i < end; i++) {
		buf_add(&b, v[i].s, v[i].n);
		buf_addc(&b, '\n');
	}
	free(v);
	c->p->body_md = buf_steal(&b);
}

/* ---- infoCode and source name ------------------------------------------ */

static int ends_url(char ch)
{
	return !ch || strchr("&>)\"'<]#", ch) || is_space(ch);
}

/* The infoCode parameter of the query at q, or NULL. */
static char *query_info_code(const char *q)
{
	for (;;) {
		if (!strncasecmp(q, "amp;", 4))
			q += 4;
		if (!strncasecmp(q, "infoCode=", 9)) {
			size_t n = 0;
			while (!ends_url(q[9 + n]))
				n++;
			if (n)
				return xstrndup(q + 9, n);
		}
		while (!ends_url(*q))
			q++;
		if (*q != '&')
			return NULL;
		q++;
	}
}

/*
 * infoCode from the file name's slug: its 18-digit news id with "NW", or
 * the slug itself when it starts with "NW".  A post's own trailing share
 * link comes first (strip_tail); a share link elsewhere in the body is
 * another article's ("related reading") and never sets the code.
 */
static char *name_info_code(const char *slug)
{
	if (strlen(slug) == 18 && strspn(slug, "0123456789") == 18) {
		char *code = xmalloc(21);
		snprintf(code, 21, "NW%s", slug);
		return code;
	}
	if (!strncmp(slug, "NW", 2))
		return xstrdup(slug);
	return NULL;
}

#define SOURCE_CHARS_MAX 40

/* X of "（文章来源：X）" in the body's plain text, whatever markup the
 * line had (the text has none), or NULL: a post with no such line names
 * no source. */
static char *source_from_text(const char *text)
{
	for (const char *s = text; (s = strstr(s, "文章来源")); ) {
		s += strlen("文章来源");
		if (!strncmp(s, "：", 3))
			s += 3;
		else if (*s == ':')
			s++;
		else
			continue;
		const char *e = strstr(s, "）");
		const char *paren = strstr(s, ")");
		if (paren && (!e || paren < e))
			e = paren;
		if (!e)
			return NULL;
		struct line l = trim((struct line){ s, (size_t)(e - s) });
		int cut;
		utf8_prefix(l.s, l.n, SOURCE_CHARS_MAX, &cut);
		if (l.n && !cut)
			return xstrndup(l.s, l.n);
	}
	return NULL;
}

/* ---- plain text -------------------------------------------------------- */

/* Append an HTML entity at s (returns its length) or 0 when unknown. */
static size_t add_entity(struct buf *b, const char *s)
{
	static const char *const names[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
		{"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strncmp(s, names[i][0], strlen(names[i][0]))) {
			buf_adds(b, names[i][1]);
			return strlen(names[i][0]);
		}
	return 0;
}

/* Tags that separate words: they become a space. */
static int is_break_tag(const char *s)
{
	static const char *const tags[] = {
		"p", "br", "div", "li", "tr", "td", "th", "h1", "h2", "h3",
		"h4", "h5", "h6", "ul", "ol", "table", "blockquote", "section"
	};
	s += 1 + (s[1] == '/');
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		size_t k = strlen(tags[i]);
		if (!strncasecmp(s, tags[i], k) &&
		    (s[k] == '>' || s[k] == '/' || is_space(s[k])))
			return 1;
	}
	return 0;
}

/* Raw HTML from cmark less its tags: the text between them. */
static void add_html_text(struct buf *b, const char *s)
{
	while (*s) {
		if (*s == '<') {
			if (is_break_tag(s))
				buf_addc(b, ' ');
			const char *gt = strchr(s, '>');
			s = gt ? gt + 1 : s + strlen(s);
			continue;
		}
		size_t n = *s == '&' ? add_entity(b, s) : 0;
		if (!n)
			buf_addc(b, *s), n = 1;
		s += n;
	}
}

/* Add one node's share of the text, on entering it. */
static void add_node_text(struct buf *b, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
		buf_adds(b, lit ? lit : "");
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		add_html_text(b, lit ? lit : "");
		break;
	default:
		break;
	}
}

/* Collapse runs of whitespace (and no-break spaces) to one space; trim. */
static char *collapse(const char *s)
{
	struct buf b = {0};
	int space = 0;
	for (; *s; s++) {
		if (is_space(*s) || !strncmp(s, "\xc2\xa0", 2) ||
		    !strncmp(s, "\xe3\x80\x80", 3)) {
			s += *s == '\xc2' ? 1 : *s == '\xe3' ? 2 : 0;
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *s);
	}
	return buf_steal(&b);
}

/* The body's plain text, whitespace collapsed: for the summary, a
 * missing title, and the search index. */
static char *plain_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	struct buf b = {0};
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev == CMARK_EVENT_ENTER)
			add_node_text(&b, node);
		if (t < CMARK_NODE_FIRST_INLINE || t == CMARK_NODE_SOFTBREAK ||
		    t == CMARK_NODE_LINEBREAK)
			buf_addc(&b, ' ');
	}
	cmark_iter_free(it);
	char *text = collapse(b.s ? b.s : "");
	buf_free(&b);
	return text;
}

/* s cut to max code points, with "…" appended when cut and ellipsis. */
static char *cut_chars(const char *s, size_t max, int ellipsis)
{
	int cut;
	size_t n = utf8_prefix(s, strlen(s), max, &cut);
	while (cut && n && s[n - 1] == ' ')
		n--;
	struct buf b = {0};
	buf_add(&b, s, n);
	if (cut && ellipsis)
		buf_adds(&b, "…");
	return buf_steal(&b);
}

/* 1 when s starts with a mark a phrase ends or starts at: a title made
 * from the body may be cut there. */
static int phrase_boundary(const char *s)
{
	static const char *const marks[] = {
		"，", "。", "；", "：", "！", "？", "、", "　", "（", "“",
		" ", ";", "!", "?",
	};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return 1;
	return 0;
}

/* A title from the start of the body text: all of it when it is short,
 * else its first TITLE_CHARS code points cut back to the last phrase
 * boundary past TITLE_MIN_CHARS (mid-phrase when there is none), and
 * "…". */
static char *title_of(const char *text)
{
	int cut;
	size_t len = strlen(text);
	size_t n = utf8_prefix(text, len, TITLE_CHARS, &cut);
	if (cut && !phrase_boundary(text + n)) {
		size_t min = utf8_prefix(text, n, TITLE_MIN_CHARS, &cut);
		cut = 1;
		for (size_t i = n; i > min;) {
			while (--i > min && ((unsigned char)text[i] & 0xc0) == 0x80)
				;
			if (phrase_boundary(text + i)) {
				n = i;
				break;
			}
		}
	}
	while (cut && n && text[n - 1] == ' ')
		n--;
	struct buf b = {0};
	buf_add(&b, text, n);
	if (cut)
		buf_adds(&b, "…");
	return buf_steal(&b);
}

/* The body's HTML: cmark's (raw HTML kept), then sanitized. */
static char *html_of(cmark_node *doc)
{
	char *raw = cmark_render_html(doc, CMARK_OPT_UNSAFE);
	char *html = sanitize_html(raw, strlen(raw));
	free(raw);
	return html;
}

/*
 * cmark's memory grows with the marks it meets: 8 MB of "[a" took it to
 * 1.5 GB, of "*a" or "<a" as much, of "> " 700 MB.  A body with more than
 * MARKUP_MAX characters that can open an inline or a block is not read as
 * Markdown: it is shown as it is written, in one fenced block (pre), which
 * cmark holds as one node.  A real article has hundreds of them.
 */
#define MARKUP_MAX 100000

static int too_marked(const char *md)
{
	size_t n = 0;
	for (const char *s = md; *s; s++)
		n += strchr("[]*_`<>!&\\~|#-+=", *s) != NULL;
	return n > MARKUP_MAX;
}

/* Parse md with cmark; *plain says when it was taken as plain text. */
static cmark_node *parse_md(const char *md, int *plain)
{
	*plain = too_marked(md);
	if (!*plain)
		return cmark_parse_document(md, strlen(md), CMARK_OPT_UNSAFE);
	size_t run = 0, longest = 2;
	for (const char *s = md; *s; s++) {
		run = *s == '~' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	struct buf b = {0};
	for (size_t i = 0; i <= longest; i++)
		buf_addc(&b, '~');
	size_t fence = b.len;
	buf_addc(&b, '\n');
	buf_adds(&b, md);
	buf_addc(&b, '\n');
	buf_add(&b, b.s, fence);
	buf_addc(&b, '\n');
	cmark_node *doc = cmark_parse_document(b.s, b.len, CMARK_OPT_UNSAFE);
	buf_free(&b);
	return doc;
}

char *post_render_html(const char *md)
{
	int plain;
	cmark_node *doc = parse_md(md, &plain);
	char *html = html_of(doc);
	cmark_node_free(doc);
	return html;
}

/* Title, body_html and summary from body_md. */
static void render(struct ctx *c)
{
	struct post *p = c->p;
	int plain;
	cmark_node *doc = parse_md(p->body_md, &plain);
	if (plain)
		warn(c, c->open_line, "more than %d marks of Markdown or HTML in "
		     "the body: shown as written, in plain text", MARKUP_MAX);
	p->body_html = html_of(doc);
	char *text = plain_text(doc);
	cmark_node_free(doc);
	p->summary = cut_chars(text, SUMMARY_CHARS, 1);
	if (!p->title || !*p->title) {
		free(p->title);
		p->title = *text ? title_of(text)
				 : xstrdup(p->slug);
		warn(c, c->open_line, "empty title, using the start of the body");
	}
	p->body_text = text;
}

char *post_plain_text(const char *md)
{
	int plain;
	cmark_node *doc = parse_md(md, &plain);
	char *text = plain_text(doc);
	cmark_node_free(doc);
	return text;
}

/* ---- the whole ---------------------------------------------------------- */

/* The slug of a name that is not a dated post file: the name less its
 * extension and any '-' around it. */
static int undated_slug(struct ctx *c, const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t n = dot && dot > name ? (size_t)(dot - name) : strlen(name);
	while (n && *name == '-')
		name++, n--;
	while (n && name[n - 1] == '-')
		n--;
	if (!n)
		return fail(c, 0, "no name to make a URL of");
	if (!utf8_valid(name, n))
		return fail(c, 0, "file name is not UTF-8");
	c->p->slug = xstrndup(name, n);
	return 0;
}

/* The URL's name, as Jekyll's :title: the front matter's slug, else the
 * file name's, slugified; kept as it is when that leaves nothing. */
static void url_slug(struct ctx *c)
{
	const char *from = c->slug && *c->slug ? c->slug : c->p->slug;
	char *slug = jekyll_slug(from);
	if (*slug) {
		free(c->p->slug);
		c->p->slug = slug;
	} else {
		free(slug);
	}
}

static int derive(struct ctx *c)
{
	const struct entry *e = c->e;
	struct post *p = c->p;
	if (!post_filename(e->key, c->fname_date, &p->slug) &&
	    undated_slug(c, e->key))
		return -1;
	if (!e->front_matter)
		return fail(c, 1, "no front matter");
	c->open_line = e->fm_line;
	c->fm_len = strlen(e->front_matter);
	if (parse_yaml(c) || resolve_date(c))
		return -1;
	clean_body(c);
	if (!p->info_code)
		p->info_code = name_info_code(p->slug);
	url_slug(c);
	render(c);
	p->source_name = source_from_text(p->body_text);
	if (!e->fm_seen && c->fname_date[0])
		warn(c, e->fm_line, "blank lines before the front matter: "
		     "Jekyll did not see it and published the file at "
		     "/%.4s/%.2s/%.2s/%s.html, which redirects to the post",
		     c->fname_date, c->fname_date + 5, c->fname_date + 8, p->slug);
	return 0;
}

int post_derive(const struct entry *e, const char *tz, struct post *p,
		struct post_error *err)
{
	struct ctx c = {0};
	memset(p, 0, sizeof *p);
	memset(err, 0, sizeof *err);
	c.e = e;
	c.tz = tz && *tz ? tz : "Asia/Shanghai";
	c.p = p;
	c.err = err;
	int rc = derive(&c);
	free(c.date);
	free(c.slug);
	free(c.category);
	if (rc)
		post_free(p);
	return rc;
}

/* ---- category pages ---------------------------------------------------- */

static int has_blank(const char *s)
{
	for (; *s; s++)
		if (is_space(*s))
			return 1;
	return 0;
}

/* What the page's keys make of it: 0, or 1 with why it is no category
 * page in err. */
static int page_fields(struct ctx *c, struct category_page *cp)
{
	const char *layout = c->p->layout;
	if (!layout || strcmp(layout, "category"))
		return (fail(c, 0, layout ? "not a category page: its layout "
				"is \"%.100s\", not category" : "not a category "
				"page: no layout: category", layout), 1);
	if (!c->category)
		return (fail(c, 0, "a category page without a category "
				"field (one value)"), 1);
	if (!has_blank(c->category)) {
		cp->slug = jekyll_category(c->category);
		if (!*cp->slug) {
			free(cp->slug);
			cp->slug = NULL;
			return (fail(c, 0, "its category \"%.100s\" is no "
					"category of a URL", c->category), 1);
		}
	}
	cp->category = c->category;
	c->category = NULL;
	cp->title = c->p->title;
	c->p->title = NULL;
	return 0;
}

int category_page_derive(const struct entry *e, struct category_page *cp,
			 struct post_error *err)
{
	struct post p = {0};
	struct ctx c = {0};
	memset(cp, 0, sizeof *cp);
	memset(err, 0, sizeof *err);
	c.e = e;
	c.tz = "Asia/Shanghai";
	c.p = &p;
	c.err = err;
	int rc;
	if (!e->front_matter) {
		rc = (fail(&c, 0, "not a category page: no front matter"), 1);
	} else {
		c.open_line = e->fm_line;
		c.fm_len = strlen(e->front_matter);
		rc = parse_yaml(&c);
		if (rc == 0)
			rc = page_fields(&c, cp);
	}
	free(c.date);
	free(c.slug);
	free(c.category);
	post_free(&p);
	if (rc)
		category_page_free(cp);
	return rc;
}

void category_page_free(struct category_page *cp)
{
	free(cp->category);
	free(cp->slug);
	free(cp->title);
	memset(cp, 0, sizeof *cp);
}

int post_parse(const char *name, const char *data, size_t len,
	       const char *tz, struct post *p, struct post_error *err)
{
	struct entry e;
	memset(p, 0, sizeof *p);
	if (source_jekyll_read(name, "", data, len, &e, err) < 0)
		return -1;
	int rc = post_derive(&e, tz, p, err);
	entry_free(&e);
	return rc;
}

void post_free(struct post *p)
{
	if (!p)
		return;
	free(p->slug);
	free(p->title);
	free(p->layout);
	strlist_free(&p->categories);
	strlist_free(&p->tags);
	free(p->info_code);
	free(p->source_url);
	free(p->source_name);
	free(p->front_matter);
	free(p->body_md);
	free(p->body_html);
	free(p->summary);
	free(p->body_text);
	free(p->warning);
	memset(p, 0, sizeof *p);
}

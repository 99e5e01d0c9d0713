/*
 * source-jekyll.c - Jekyll post files read into entries (entry.h):
 * which names are posts, and a file's bytes split into its raw front
 * matter and raw body.  Nothing of the site's rules happens here: the
 * date, the URL and the rest are derived from the entry (derive.c).
 *
 * The bytes must be UTF-8 without NUL; a BOM is dropped and CRLF line
 * ends become LF, as Jekyll reads them.  The front matter is the text
 * between a "---" line and the next "---" or "..." line; blank lines
 * before it are allowed (Jekyll did not see such front matter: fm_seen
 * says so).
 */
#include "entry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "util.h"

static int fail(struct post_error *err, int line, const char *reason)
{
	err->line = line;
	snprintf(err->reason, sizeof err->reason, "%s", reason);
	return -1;
}

/* 1-based line of byte off of s. */
static int line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\n\r\f\v", s[i]))
			return 0;
	return 1;
}

/* 1 when s[0..n) is the marker (e.g. "---") with only blanks after it. */
static int is_marker(const char *s, size_t n, const char *marker)
{
	size_t k = strlen(marker);
	return n >= k && !memcmp(s, marker, k) && is_blank(s + k, n - k);
}

static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return NULL;
	if (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") ||
	    !strcmp(dot, ".html"))
		return dot;
	return NULL;
}

const char *source_jekyll_refuses(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return "a hidden file (Jekyll skips names starting with '.')";
	if (name[0] == '_')
		return "Jekyll skips names starting with '_'";
	if (n && (name[n - 1] == '~' || name[n - 1] == '#'))
		return "an editor's backup file";
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "a control character in its name";
	if (!extension(name))
		return "not a post: not .md, .markdown or .html";
	if (!utf8_valid(name, n))
		return "the file name is not UTF-8";
	if (post_filename(name, NULL, NULL))
		return NULL;
	char day[11];
	if (post_news_id_day(name, day))
		return NULL;   /* dated by its news id: derive.c warns */
	return "not a post: no date in its name (YYYY-MM-DD-slug.md) "
	       "and no news id (18 digits starting YYYYMMDD)";
}

/* Copy data without a BOM and with LF line ends into *text. */
static int load_text(const char *data, size_t len, char **text, size_t *n,
		     struct post_error *err)
{
	size_t bad = utf8_invalid_at(data, len);
	if (bad < len)
		return fail(err, line_at(data, bad), "invalid UTF-8");
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return fail(err, line_at(data, (size_t)(nul - data)), "NUL byte");
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		data += 3, len -= 3;
	char *t = xmalloc(len + 1);
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (!(data[i] == '\r' && i + 1 < len && data[i + 1] == '\n'))
			t[k++] = data[i];
	t[k] = '\0';
	*text = t;
	*n = k;
	return 0;
}

/* Length of the line of text[0..len) starting at off, without its '\n'. */
static size_t line_len(const char *text, size_t len, size_t off)
{
	const char *nl = memchr(text + off, '\n', len - off);
	return nl ? (size_t)(nl - (text + off)) : len - off;
}

/* Split text into the entry's front matter and body. */
static int split(const char *text, size_t len, struct entry *e,
		 struct post_error *err)
{
	size_t off = 0, n;
	int line = 1;
	while (off < len && is_blank(text + off, n = line_len(text, len, off)))
		off += n + 1, line++;
	if (off >= len || !is_marker(text + off, line_len(text, len, off), "---"))
		return fail(err, off >= len ? 1 : line, "no front matter");
	e->fm_line = line;
	e->fm_seen = off == 0;
	off += line_len(text, len, off) + 1;
	size_t fm = off;
	while (off < len) {
		n = line_len(text, len, off);
		if (is_marker(text + off, n, "---") ||
		    is_marker(text + off, n, "...")) {
			e->front_matter = xstrndup(text + fm, off - fm);
			off += n + (off + n < len);
			e->body = xstrndup(text + off, len - off);
			return 0;
		}
		off += n + 1;
	}
	return fail(err, e->fm_line, "unterminated front matter");
}

int source_jekyll_read(const char *name, const char *folder, const char *data,
		       size_t len, struct entry *e, struct post_error *err)
{
	memset(e, 0, sizeof *e);
	memset(err, 0, sizeof *err);
	char *text;
	size_t n;
	if (load_text(data ? data : "", data ? len : 0, &text, &n, err) < 0)
		return -1;
	e->source = "jekyll";
	e->key = xstrdup(name);
	e->folder = xstrdup(folder ? folder : "");
	const char *ext = extension(name);
	e->format = xstrdup(ext && !strcmp(ext, ".html") ? "html" : "markdown");
	int rc = split(text, n, e, err);
	free(text);
	if (rc < 0)
		entry_free(e);
	return rc;
}

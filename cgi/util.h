/*
 * util.h - small things every part of finews needs: a growable byte
 * buffer, string helpers, UTF-8 validation, file reading.
 */
#ifndef FINEWS_UTIL_H
#define FINEWS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *s;        /* always NUL-terminated once anything is added */
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add one byte: the common case inline, as text is built byte by byte. */
static inline void buf_addc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		buf_add(b, &c, 1);
	}
}
char *buf_steal(struct buf *b);   /* the string, never NULL; b is reset */
void buf_free(struct buf *b);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Append s percent-encoded for a URL path segment or query value
 * (every byte but A-Z a-z 0-9 - . _ ~ as %XX). */
void url_encode(struct buf *b, const char *s);

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int utf8_valid(const char *s, size_t n);
/* Offset of the first invalid byte, or n. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Length of the UTF-8 sequence starting at s (1 for a bad byte). */
size_t utf8_seqlen(const unsigned char *s, size_t n);

/* Read a whole file; returns 0, or -1 with errno set.  *data is NUL-terminated. */
int read_file(const char *path, char **data, size_t *len);
/* The same for a regular file of at most max bytes, opened without
 * blocking: ENODEV for a FIFO, device or socket, EFBIG when larger. */
int read_file_max(const char *path, size_t max, char **data, size_t *len);

#endif

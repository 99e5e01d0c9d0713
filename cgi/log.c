/*
 * log.c - stderr, one line per event, with its level for the journal
 * (log.h), and repeats counted.  A broken store under load fails
 * every request with the same few lines: some 80,000 lines in 10 s when
 * each was written.  Each process (each worker) keeps the last LOG_SLOTS
 * distinct lines it wrote; one that comes again within LOG_WINDOW
 * seconds of being written is counted instead, and the count is written
 * once the window has passed (at the next line or request, or at exit),
 * then counting starts again.  A line not seen for a whole window is
 * forgotten, and written anew when it comes back.  One thread logs.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG_SLOTS 16
#define LOG_LINE 1024

static struct seen {
	char line[LOG_LINE];
	enum log_level level;
	time_t since;          /* when it was last written */
	long count;            /* times it came since, not written */
} seen[LOG_SLOTS];
static int nseen;              /* seen[0 .. nseen) are in use */

static time_t now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * 1 when stderr is the journal: JOURNAL_STREAM is "DEVICE:INODE" in
 * decimal, and they are stderr's (systemd sets it for the service it
 * starts; a program started from there with stderr elsewhere inherits
 * it, hence the check).  Found once: stderr stays what it is.
 */
static int journal(void)
{
	static int known = -1;
	if (known >= 0)
		return known;
	known = 0;
	const char *s = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	char end;
	struct stat st;
	if (s && sscanf(s, "%llu:%llu%c", &dev, &ino, &end) == 2 &&
	    fstat(STDERR_FILENO, &st) == 0 &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino)
		known = 1;
	return known;
}

/* line and tail and a newline to stderr in one write(), so that the
 * lines of several workers never mix; the level first for the journal.
 * A newline inside is a space: one event, one line. */
static void put(enum log_level level, const char *line, const char *tail)
{
	char prefix[8] = "";
	if (journal())
		snprintf(prefix, sizeof prefix, "<%d>", (int)level);
	size_t n = strlen(prefix) + strlen(line) + strlen(tail) + 2;
	char *buf = malloc(n);
	if (!buf)
		return;
	snprintf(buf, n, "%s%s%s", prefix, line, tail);
	for (char *p = buf; (p = strchr(p, '\n')); p++)
		*p = ' ';
	n = strlen(buf);
	buf[n++] = '\n';
	ssize_t w = write(STDERR_FILENO, buf, n);
	(void)w;   /* nowhere to tell */
	free(buf);
}

/* Write e's count, and count again from t. */
static void report(struct seen *e, time_t t)
{
	char tail[80];
	long secs = t - e->since > 0 ? (long)(t - e->since) : 1;
	snprintf(tail, sizeof tail, " (repeated %ld time%s in the last %ld s)",
		 e->count, e->count == 1 ? "" : "s", secs);
	put(e->level, e->line, tail);
	e->since = t;
	e->count = 0;
}

static void forget(int i)
{
	if (i != --nseen)
		seen[i] = seen[nseen];
}

/* Lines whose window has passed: their count written, or forgotten. */
static void expire(time_t t)
{
	for (int i = 0; i < nseen; ) {
		struct seen *e = &seen[i];
		if (t - e->since >= LOG_WINDOW && e->count == 0) {
			forget(i);
			continue;
		}
		if (t - e->since >= LOG_WINDOW)
			report(e, t);
		i++;
	}
}

/* A slot for a new line: a free one, else the oldest one's. */
static struct seen *slot(time_t t)
{
	if (nseen < LOG_SLOTS)
		return &seen[nseen++];
	int old = 0;
	for (int i = 1; i < nseen; i++)
		if (seen[i].since < seen[old].since)
			old = i;
	if (seen[old].count > 0)
		report(&seen[old], t);
	return &seen[old];
}

/* Counted: make sure the count is written at exit(). */
static void count(struct seen *e)
{
	static int registered;
	if (!registered) {
		registered = 1;
		atexit(log_flush);
	}
	e->count++;
}

static void vlog(enum log_level level, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *line = n < 0 ? NULL : malloc((size_t)n + 1);
	if (line) {
		vsnprintf(line, (size_t)n + 1, fmt, again);
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		put(level, line, "");
	}
	va_end(again);
	free(line);
}

void log_at(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_LEVEL_ERROR, fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_LEVEL_WARNING, fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_LEVEL_INFO, fmt, ap);
	va_end(ap);
}

static void vrepeat(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_LINE];
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	time_t t = now();
	expire(t);
	for (int i = 0; i < nseen; i++)
		if (seen[i].level == level && !strcmp(seen[i].line, line)) {
			count(&seen[i]);
			return;
		}
	put(level, line, "");
	struct seen *e = slot(t);
	memcpy(e->line, line, sizeof line);
	e->level = level;
	e->since = t;
	e->count = 0;
}

void log_repeat(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vrepeat(level, fmt, ap);
	va_end(ap);
}

void log_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vrepeat(LOG_LEVEL_ERROR, fmt, ap);
	va_end(ap);
}

void log_tick(void)
{
	if (nseen > 0)
		expire(now());
}

void log_flush(void)
{
	time_t t = now();
	for (int i = 0; i < nseen; i++)
		if (seen[i].count > 0)
			report(&seen[i], t);
	nseen = 0;
}

/*
 * log.c - stderr, with repeats counted.  A broken store under load fails
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
#include <time.h>
#include <unistd.h>

#define LOG_SLOTS 16
#define LOG_LINE 1024

static struct seen {
	char line[LOG_LINE];
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

/* line and tail and a newline to stderr in one write(), so that the
 * lines of several workers never mix. */
static void put(const char *line, const char *tail)
{
	char buf[LOG_LINE + 80];
	int n = snprintf(buf, sizeof buf, "%s%s\n", line, tail);
	if (n > (int)sizeof buf - 1)
		n = (int)sizeof buf - 1;
	ssize_t w = write(STDERR_FILENO, buf, (size_t)n);
	(void)w;   /* nowhere to tell */
}

/* Write e's count, and count again from t. */
static void report(struct seen *e, time_t t)
{
	char tail[80];
	long secs = t - e->since > 0 ? (long)(t - e->since) : 1;
	snprintf(tail, sizeof tail, " (repeated %ld time%s in the last %ld s)",
		 e->count, e->count == 1 ? "" : "s", secs);
	put(e->line, tail);
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

void log_msg(const char *fmt, ...)
{
	char line[LOG_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	time_t t = now();
	expire(t);
	for (int i = 0; i < nseen; i++)
		if (!strcmp(seen[i].line, line)) {
			count(&seen[i]);
			return;
		}
	put(line, "");
	struct seen *e = slot(t);
	memcpy(e->line, line, sizeof line);
	e->since = t;
	e->count = 0;
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

/*
 * watch.h - finews-import --watch: import posts as soon as they are
 * written (watch.c).
 */
#ifndef FINEWS_WATCH_H
#define FINEWS_WATCH_H

#include <stddef.h>

/* Import the folders, then every post written into them, into the
 * store db until SIGTERM or SIGINT: 0, or 2 when the folders cannot be
 * watched.  Blocks those signals, so it must run before any thread. */
int watch_main(const char *db, char *const *folders, size_t n);

#endif

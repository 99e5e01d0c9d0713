/*
 * log.h - lines on stderr, a repeated one said once and then counted.
 */
#ifndef FINEWS_LOG_H
#define FINEWS_LOG_H

/* Seconds a repeated line is counted before its count is written. */
#define LOG_WINDOW 10

/* Write one line (printf format, no newline) to stderr in one write.  A
 * line already written in the last LOG_WINDOW seconds is only counted;
 * once the window has passed, the count is written with the line:
 * "... (repeated 12345 times in the last 10 s)". */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write the counts whose window has passed; cheap when there are none
 * (finews.fcgi calls it once a request). */
void log_tick(void);
/* Write every count still held (at exit). */
void log_flush(void);

#endif

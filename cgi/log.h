/*
 * log.h - lines on stderr, each one event, with a level; a repeated one
 * said once and then counted.
 *
 * When stderr is the systemd journal (JOURNAL_STREAM names stderr's
 * device and inode, as systemd sets it for StandardError=journal), each
 * line starts with its level as sd-daemon(3) describes, "<3>" an error,
 * "<4>" a warning, "<6>" information, which journald reads and strips;
 * anywhere else (a terminal, a file, a pipe) the line is written as it
 * is, so that nothing reads "<3>" as part of the text.
 */
#ifndef FINEWS_LOG_H
#define FINEWS_LOG_H

/* Seconds a repeated line is counted before its count is written. */
#define LOG_WINDOW 10

/* The levels, as syslog(3) numbers them. */
enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARNING = 4, LOG_LEVEL_INFO = 6 };

/* Write one line (printf format; a newline at its end is dropped) to
 * stderr in one write, at once. */
void log_at(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write one line, counted: a line already written in the last
 * LOG_WINDOW seconds is only counted; once the window has passed, the
 * count is written with the line: "... (repeated 12345 times in the last
 * 10 s)".  For what fails again and again under load (the store). */
void log_repeat(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* log_repeat at LOG_LEVEL_ERROR. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write the counts whose window has passed; cheap when there are none
 * (finews.fcgi calls it once a request). */
void log_tick(void);
/* Write every count still held (at exit). */
void log_flush(void);

#endif

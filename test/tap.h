/*
 * tap.h - a tiny Test Anything Protocol helper for the unit tests.
 *
 *   ok(cond, "what", ...)         one test
 *   is_str(got, want, "what")     strings (either may be NULL)
 *   is_int(got, want, "what")     integers
 *   diag("fmt", ...)              a "# " comment line
 *   plan(n)                       optional, before the tests
 *   return done_testing();        prints "1..N"; nonzero when any failed
 *
 * Header only: each test program includes it once.  The counters live in
 * one static struct, the test program's only state.
 */
#ifndef FINEWS_TAP_H
#define FINEWS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static struct {
	int run, failed, planned;
} tap_state;

static void tap_vline(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stdout);
	vprintf(fmt, ap);
	putchar('\n');
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vline("# ", fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static int tap_vok(int cond, const char *file, int line, const char *fmt,
		   va_list ap)
{
	tap_state.run++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_state.run);
	vprintf(fmt, ap);
	putchar('\n');
	if (!cond) {
		tap_state.failed++;
		printf("#   Failed test at %s line %d.\n", file, line);
	}
	fflush(stdout);
	return cond;
}

static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cond = tap_vok(cond, file, line, fmt, ap);
	va_end(ap);
	return cond;
}

static int tap_is_str(const char *got, const char *want, const char *file,
		      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6), unused));
static int tap_is_str(const char *got, const char *want, const char *file,
		      int line, const char *fmt, ...)
{
	int cond = got && want ? !strcmp(got, want) : got == want;
	va_list ap;
	va_start(ap, fmt);
	tap_vok(cond, file, line, fmt, ap);
	va_end(ap);
	if (!cond) {
		printf("#          got: %s%s%s\n", got ? "'" : "", got ? got : "NULL", got ? "'" : "");
		printf("#     expected: %s%s%s\n", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
	}
	return cond;
}

static int tap_is_int(long long got, long long want, const char *file,
		      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6), unused));
static int tap_is_int(long long got, long long want, const char *file,
		      int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int cond = tap_vok(got == want, file, line, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#          got: %lld\n#     expected: %lld\n", got, want);
	return cond;
}

static void plan(int n) __attribute__((unused));
static void plan(int n)
{
	tap_state.planned = n;
	printf("1..%d\n", n);
}

/* Print the plan if none was given; the exit status for main(). */
static int done_testing(void) __attribute__((unused));
static int done_testing(void)
{
	if (!tap_state.planned)
		printf("1..%d\n", tap_state.run);
	else if (tap_state.planned != tap_state.run)
		printf("# planned %d tests but ran %d\n", tap_state.planned,
		       tap_state.run);
	if (tap_state.failed)
		printf("# failed %d of %d tests\n", tap_state.failed,
		       tap_state.run);
	fflush(stdout);
	return tap_state.failed ||
	       (tap_state.planned && tap_state.planned != tap_state.run);
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, \
		   __VA_ARGS__)

#endif

/*
 * fuzz-date.c - a fuzz harness for date_parse(), the front matter's dates.
 *
 *   make fuzz                        libFuzzer on every harness
 *   build/test/fuzz-date FILE...     replays inputs (the test suite does)
 *
 * Whatever the text, date_parse() returns 0 or -1 without a memory error;
 * what it accepts formats back to a date that parses to the same instant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cgi/date.h"
#include "../cgi/util.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	char *s = xstrndup((const char *)data, len);
	int64_t t, t2;
	int off, off2;
	if (date_parse(s, "Asia/Shanghai", &t, &off) == 0) {
		char buf[64];
		date_format_iso(t, off, buf, sizeof buf);
		if (date_parse(buf, "UTC", &t2, &off2) != 0 || t2 != t || off2 != off)
			abort();
	}
	free(s);
	return 0;
}

/*
 * fuzz-post.c - a fuzz harness for post_parse(), the importer's edge.
 *
 *   make fuzz            libFuzzer (clang), for FUZZ_SECONDS seconds
 *   build/test/fuzz-post FILE...   replays inputs (the test suite does)
 *
 * Whatever the bytes, post_parse() must return 0 or -1 without a memory
 * error, and what it returns must be valid UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cgi/post.h"
#include "../cgi/util.h"

static void must_be_utf8(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	struct post p;
	struct post_error err;
	if (post_parse("2021-12-08-202112082206672930.md", (const char *)data, len,
		       "Asia/Shanghai", &p, &err) == 0) {
		must_be_utf8(p.title);
		must_be_utf8(p.body_html);
		must_be_utf8(p.summary);
		must_be_utf8(p.source_name);
		must_be_utf8(p.info_code);
		post_free(&p);
	}
	return 0;
}

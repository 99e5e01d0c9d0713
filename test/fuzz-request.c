/*
 * fuzz-request.c - a fuzz harness for request_parse(), the server's edge:
 * the bytes are a request target; the first byte picks the method.
 *
 *   make fuzz                      libFuzzer on both harnesses
 *   build/test/fuzz-request FILE...   replays inputs (the test suite does)
 *
 * Whatever the target, request_parse() returns 0 or -1 without a memory
 * error; when it accepts one, the path starts with '/' and it and every
 * parameter are valid UTF-8 without control characters in the path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cgi/request.h"
#include "../cgi/util.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "OPTIONS"};
	const char *method = len ? methods[data[0] % 4] : "GET";
	char *target = xstrndup(len ? (const char *)data + 1 : "", len ? len - 1 : 0);
	struct request r;
	if (request_parse(&r, method, target) == 0) {
		if (r.path[0] != '/' || !utf8_valid(r.path, strlen(r.path)))
			abort();
		for (const char *s = r.path; *s; s++)
			if ((unsigned char)*s < 0x20)
				abort();
		for (size_t i = 0; i < r.nparams; i++)
			if (!utf8_valid(r.params[i].name, strlen(r.params[i].name)) ||
			    !utf8_valid(r.params[i].value, strlen(r.params[i].value)))
				abort();
		request_conditions(&r, target, target);
		request_origin(&r, target, target, target, 1);
	}
	request_free(&r);
	free(target);
	return 0;
}

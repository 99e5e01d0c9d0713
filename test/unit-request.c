/*
 * unit-request.c - the edge: request targets parsed and checked before
 * any handler runs (request.c).  One assertion per behaviour.
 */
#include <stdlib.h>
#include <string.h>

#include "../cgi/request.h"
#include "tap.h"

/* Parse method + target; 0 or -1 as request_parse, r freed. */
static int parses(const char *method, const char *target)
{
	struct request r;
	int rc = request_parse(&r, method, target);
	request_free(&r);
	return rc;
}

static void test_decode(void)
{
	char *s = percent_decode("%E4%B8%9C%e8%b4%a2", 18, 0);
	is_str(s, "东财", "percent-decoding, either case of hex");
	free(s);
	s = percent_decode("a+b%20c", 7, 1);
	is_str(s, "a b c", "'+' is a space in a query");
	free(s);
	s = percent_decode("a+b", 3, 0);
	is_str(s, "a+b", "'+' stays in a path");
	free(s);
	ok(!percent_decode("%zz", 3, 0), "bad hex refused");
	ok(!percent_decode("%e", 2, 0), "truncated escape refused");
	ok(!percent_decode("%", 1, 0), "lone %% refused");
	ok(!percent_decode("%e4%b8", 6, 0), "cut UTF-8 sequence refused");
	ok(!percent_decode("%ff", 3, 0), "invalid UTF-8 byte refused");
	ok(!percent_decode("%c0%80", 6, 0), "overlong NUL refused");
	ok(!percent_decode("a%00b", 5, 0), "NUL refused");
	ok(!percent_decode("\xed\xa0\x80", 3, 0), "surrogate refused");
}

static void test_targets(void)
{
	struct request r;
	ok(request_parse(&r, "GET", "/emnews/?page=2&x=%E4%B8%AD") == 0, "a good target");
	is_str(r.path, "/emnews/", "path");
	is_str(request_param(&r, "page", 0), "2", "parameter");
	is_str(request_param(&r, "x", 0), "中", "decoded parameter");
	ok(request_param(&r, "PAGE", 0) == NULL, "names are exact by default");
	is_str(request_param(&r, "PAGE", 1), "2", "or any case when asked");
	is_int(r.method, METHOD_GET, "GET");
	request_free(&r);

	ok(request_parse(&r, "HEAD", "/") == 0 && r.method == METHOD_HEAD, "HEAD");
	request_free(&r);
	ok(request_parse(&r, "POST", "/") == 0 && r.method == METHOD_OTHER, "POST is other");
	request_free(&r);
	ok(request_parse(&r, "GET", "/a?flag&=v&&b=") == 0, "odd but valid query");
	is_str(request_param(&r, "flag", 0), "", "a name alone has an empty value");
	is_str(request_param(&r, "b", 0), "", "empty value");
	request_free(&r);
	ok(request_parse(&r, "GET", "/%E6%96%B0%E9%97%BB/") == 0, "percent-encoded path");
	is_str(r.path, "/新闻/", "decoded path");
	request_free(&r);

	is_int(parses("GET", "/%zz/"), -1, "broken escape in path: 400");
	is_int(parses("GET", "/%ff/"), -1, "invalid UTF-8 in path: 400");
	is_int(parses("GET", "/%00/"), -1, "NUL in path: 400");
	is_int(parses("GET", "/?q=%zz"), -1, "broken escape in query: 400");
	is_int(parses("GET", "/?q=%C3"), -1, "cut UTF-8 in query: 400");
	is_int(parses("GET", "/../etc/passwd"), -1, "dot-dot segment: 400");
	is_int(parses("GET", "/a/%2e%2e/b"), -1, "encoded dot-dot segment: 400");
	is_int(parses("GET", "/a/./b"), -1, "dot segment: 400");
	is_int(parses("GET", "relative"), -1, "not starting with '/': 400");
	is_int(parses("GET", ""), -1, "empty target: 400");
	is_int(parses("GET", NULL), -1, "no target: 400");
	is_int(parses("GET", "/a%0d%0aSet-Cookie:x"), -1, "CR LF in path: 400");
	is_int(parses("GET", "/a..b/c.d/"), 0, "dots inside a name are fine");

	char *big = malloc(REQUEST_TARGET_MAX + 2);
	memset(big, 'a', REQUEST_TARGET_MAX + 1);
	big[0] = '/';
	big[REQUEST_TARGET_MAX] = '\0';
	is_int(parses("GET", big), 0, "a target of exactly the limit is fine");
	big[REQUEST_TARGET_MAX] = 'a';
	big[REQUEST_TARGET_MAX + 1] = '\0';
	is_int(parses("GET", big), -1, "one byte over the limit: 400");
	free(big);

	char q[8 * REQUEST_PARAMS_MAX] = "/?";
	for (int i = 0; i < REQUEST_PARAMS_MAX + 1; i++)
		strcat(q, "a=1&");
	is_int(parses("GET", q), -1, "too many parameters: 400");
}

static void test_headers(void)
{
	struct request r;
	request_parse(&r, "GET", "/");
	request_origin(&r, "news.example.org", "10.0.0.1", "8080", 0);
	is_str(r.origin, "http://news.example.org:8080", "origin from the server's name and port");
	request_origin(&r, "news.example.org", "10.0.0.1", "443", 1);
	is_str(r.origin, "https://news.example.org", "https when on, its own port");
	request_origin(&r, "_", "127.0.0.1", "8081", 0);
	is_str(r.origin, "http://127.0.0.1:8081", "server_name _: the address");
	request_origin(&r, "", "127.0.0.1", "80", 0);
	is_str(r.origin, "http://127.0.0.1", "no name: the address, not port 80 on http");
	request_origin(&r, "*.example.org", "::1", "8080", 0);
	is_str(r.origin, "http://[::1]:8080", "a wildcard name: the IPv6 address, bracketed");
	request_origin(&r, "~^(.+)$", "unix:", "80", 0);
	ok(r.origin == NULL, "a regex name and a unix socket: none");
	request_origin(&r, "evil\"><script>", "a/b", "80", 0);
	ok(r.origin == NULL, "what is not a host name or address is ignored");
	request_origin(&r, "a.example", "10.0.0.1", "80x", 0);
	is_str(r.origin, "http://a.example", "a port that is not a number is left out");
	request_conditions(&r, "\"abc\"", "Sun, 06 Nov 1994 08:49:37 GMT");
	is_str(r.if_none_match, "\"abc\"", "If-None-Match kept");
	is_int(r.if_modified_since, 784111777, "If-Modified-Since parsed");
	request_conditions(&r, NULL, "Sunday, 06-Nov-94 08:49:37 GMT");
	is_int(r.if_modified_since, -1, "an obsolete date form is ignored");
	request_conditions(&r, NULL, "Sun, 06 Nov 1994 08:49:37 GMT junk");
	is_int(r.if_modified_since, -1, "trailing junk is ignored");
	request_free(&r);
	char buf[40];
	http_date_format(784111777, buf, sizeof buf);
	is_str(buf, "Sun, 06 Nov 1994 08:49:37 GMT", "HTTP date formatted");
}

int main(void)
{
	test_decode();
	test_targets();
	test_headers();
	return done_testing();
}

/*
 * unit-date.c - unit tests for cgi/date.c: every accepted date form,
 * range checks, zones without offsets, and formatting.  Prints TAP.
 */
#include "../cgi/date.h"
#include "tap.h"

#include <stdint.h>

#define SH "Asia/Shanghai"
#define NY "America/New_York"

/* 2022-01-10 07:48:36 +08:00 */
#define T0 1641772116

/* date_parse must accept s giving instant t at offset off. */
static void good(const char *s, const char *tz, int64_t t, int off)
{
	int64_t got = -1;
	int goff = -9999;
	int rc = date_parse(s, tz, &got, &goff);
	ok(rc == 0, "parses '%s' (%s)", s, tz);
	is_int(got, t, "  '%s' instant", s);
	is_int(goff, off, "  '%s' offset", s);
}

/* date_parse must reject s. */
static void bad(const char *s)
{
	int64_t t = 0;
	int off = 0;
	ok(date_parse(s, SH, &t, &off) == -1, "rejects '%s'", s);
}

static void test_forms(void)
{
	good("2022-01-10 07:48:36 +0800", SH, T0, 480);
	good("2022-01-10 07:48:36 +0800", "UTC", T0, 480);
	good("2022-01-10 07:48:36 +08:00", NY, T0, 480);
	good("2022-01-10 07:48:36+08:00", "UTC", T0, 480);
	good("2022-01-10T07:48:36+08:00", "UTC", T0, 480);
	good("2022-01-10T07:48:36.123+08:00", "UTC", T0, 480);
	good("2022-01-10 07:48:36.5 +0800", "UTC", T0, 480);
	good("2022-01-09T23:48:36Z", SH, T0, 0);
	good("2022-01-09 23:48:36 Z", SH, T0, 0);
	good("2022-01-09T23:48:36.999Z", SH, T0, 0);
	good("2022-01-10 07:48 +0800", "UTC", T0 - 36, 480);
	good("2022-01-10 07:48 +08:00", "UTC", T0 - 36, 480);
	good("2022-01-10 07:48", SH, T0 - 36, 480);
	good("2022-01-10 07:48:36", SH, T0, 480);
	good("2022-01-09 23:48:36", "UTC", T0, 0);
	good("2022-01-10", SH, T0 - 28116, 480);
	good("2022-01-10", "UTC", 1641772800, 0);
	good("2022-01-09 18:18:36 -0530", SH, T0, -330);
	good("2022-01-09 18:18:36 -05:30", SH, T0, -330);
	good("2022-01-10 07:48:36 +08", "UTC", T0, 480);
	good("1970-01-01 00:00:00 +0000", SH, 0, 0);
	good("1969-12-31 23:59:59Z", SH, -1, 0);
	good("1969-12-31 23:59:59", "UTC", -1, 0);
	good("2000-02-29 12:00:00 +0000", SH, 951825600, 0);
	good("2020-02-29", "UTC", 1582934400, 0);
	good("2038-01-19 03:14:08Z", "UTC", 2147483648LL, 0);
}

static void test_bad(void)
{
	bad("");
	bad("hello");
	bad("2022-01-10x");
	bad("2022-01-10 ");
	bad("2022-01-10T");
	bad("2022-01-10 07");
	bad("2022-01-10 07:4");
	bad("2022-01-10 07:48:3");
	bad("2022-01-10 07:48:36 +0800 extra");
	bad("2022-01-10 07:48:36 +0800x");
	bad("2022-01-10 07:48:36x");
	bad("2022-01-10 07:48:36 +8");
	bad("2022-01-10 07:48:36 +080");
	bad("2022-01-10 07:48:36 +2400");
	bad("2022-01-10 07:48:36 +08:60");
	bad("2022-01-10 07:48:36 08:00");
	bad("2022-01-10T07:48:36.+08:00");
	bad("2022-01-10 +0800");
	bad("22-01-10");
	bad("2022-1-10");
	bad("2022-01-1");
	bad("2022/01/10");
	bad("2022-00-10");
	bad("2022-13-01");
	bad("2022-01-00");
	bad("2022-01-32");
	bad("2022-04-31");
	bad("2022-02-29");
	bad("1900-02-29");
	bad("2100-02-29");
	bad("2022-01-10 24:00:00");
	bad("2022-01-10 12:60:00");
	bad("2022-01-10 12:00:60");
	bad(" 2022-01-10");
	ok(date_parse(NULL, SH, &(int64_t){0}, &(int){0}) == -1, "rejects NULL");
}

/* Zones: the same wall time means different instants; DST is honoured,
 * and switching back and forth between zones keeps working. */
static void test_zones(void)
{
	/* 2021-07-01 12:00 EDT = 16:00 UTC; 2021-12-01 12:00 EST = 17:00 UTC */
	good("2021-07-01 12:00:00", NY, 1625155200, -240);
	good("2021-12-01 12:00:00", SH, 1638331200, 480);
	good("2021-12-01 12:00:00", NY, 1638378000, -300);
	good("2021-12-01 12:00:00", "UTC", 1638360000, 0);
	good("2021-12-01 12:00:00", "", 1638360000, 0);
	good("2021-12-01 12:00:00", NULL, 1638360000, 0);
	is_int(date_zone_offset(SH, 0), 480, "Shanghai offset at the epoch");
	is_int(date_zone_offset(SH, T0), 480, "Shanghai offset in 2022");
	is_int(date_zone_offset("UTC", T0), 0, "UTC offset");
	is_int(date_zone_offset(NY, 1625155200), -240, "New York in summer");
	is_int(date_zone_offset(NY, 1638378000), -300, "New York in winter");
	is_int(date_zone_offset("Asia/Kolkata", T0), 330, "Kolkata half hour");
	is_int(date_zone_offset(SH, 1625155200), 480, "back to Shanghai");
}

static void test_format(void)
{
	char buf[32];
	date_format(T0, 480, buf, sizeof buf);
	is_str(buf, "2022-01-10 07:48:36 +08:00", "date_format +08:00");
	date_format_iso(T0, 480, buf, sizeof buf);
	is_str(buf, "2022-01-10T07:48:36+08:00", "date_format_iso +08:00");
	date_format(T0, 0, buf, sizeof buf);
	is_str(buf, "2022-01-09 23:48:36 +00:00", "date_format UTC");
	date_format_iso(T0, -330, buf, sizeof buf);
	is_str(buf, "2022-01-09T18:18:36-05:30", "date_format_iso -05:30");
	date_format(-1, 0, buf, sizeof buf);
	is_str(buf, "1969-12-31 23:59:59 +00:00", "before the epoch");
	date_format(951825600, 0, buf, sizeof buf);
	is_str(buf, "2000-02-29 12:00:00 +00:00", "a leap day");
	date_format(1638977400, 480, buf, sizeof buf);
	is_str(buf, "2021-12-08 23:30:00 +08:00", "late evening");
	date_format(1638977400 + 3600, 480, buf, sizeof buf);
	is_str(buf, "2021-12-09 00:30:00 +08:00", "across midnight");
	char small[11];
	date_format(T0, 480, small, sizeof small);
	is_str(small, "2022-01-10", "truncated to the buffer");
}

/* Parse, format, parse again: the same instant and offset. */
static void test_round_trip(void)
{
	static const char *const in[] = {
		"2022-01-10 07:48:36 +08:00", "2021-12-08 23:30:00 +00:00",
		"1999-12-31 23:59:59 -05:00", "2024-02-29 00:00:00 +05:45",
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		int64_t t, t2;
		int off, off2;
		char buf[32], iso[32];
		ok(date_parse(in[i], SH, &t, &off) == 0, "parse %s", in[i]);
		date_format(t, off, buf, sizeof buf);
		is_str(buf, in[i], "  formats back the same");
		date_format_iso(t, off, iso, sizeof iso);
		ok(date_parse(iso, SH, &t2, &off2) == 0 && t2 == t &&
		   off2 == off, "  ISO form %s parses back", iso);
	}
}

int main(void)
{
	test_forms();
	test_bad();
	test_zones();
	test_format();
	test_round_trip();
	return done_testing();
}

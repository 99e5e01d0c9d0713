/*
 * date.c - parse and format the dates of Jekyll front matter.
 *
 * Dates with an explicit offset are converted with our own civil-date
 * arithmetic and never look at TZ.  Dates without one are local to an
 * IANA zone: we point TZ at it and let mktime()/localtime_r() consult
 * the system's zone database.  The only mutable state is a cache of the
 * zone TZ was last set to and of the offset it had over the last hour
 * looked up (zone_cache below): glibc stats the zone file on every
 * mktime(), and posts come in date order, so most lookups never reach
 * it.  Callers (the importer, the tests) are single threaded.
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Broken-down fields of a parsed date. */
struct fields {
	int year, mon, day, hour, min, sec;
	int has_offset;
	int offset;             /* minutes east of UTC, when has_offset */
	int has_time, has_seconds;
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Seconds since the epoch of the fields read as UTC. */
static int64_t fields_utc(const struct fields *f)
{
	return days_from_civil(f->year, f->mon, f->day) * 86400 +
	       f->hour * 3600 + f->min * 60 + f->sec;
}

/* Read exactly n digits at *s into *v, advancing *s. */
static int digits(const char **s, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return -1;
		x = x * 10 + (c - '0');
	}
	*s += n;
	*v = x;
	return 0;
}

/* Match the single character c at *s, advancing *s. */
static int expect(const char **s, char c)
{
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

static void skip_blanks(const char **s)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
}

/* "YYYY-MM-DD" */
static int parse_day(const char **s, struct fields *f)
{
	if (digits(s, 4, &f->year) || expect(s, '-') ||
	    digits(s, 2, &f->mon) || expect(s, '-') ||
	    digits(s, 2, &f->day))
		return -1;
	return 0;
}

/* "HH:MM[:SS[.fff]]" */
static int parse_time(const char **s, struct fields *f)
{
	if (digits(s, 2, &f->hour) || expect(s, ':') || digits(s, 2, &f->min))
		return -1;
	f->has_time = 1;
	if (**s != ':')
		return 0;
	(*s)++;
	if (digits(s, 2, &f->sec))
		return -1;
	f->has_seconds = 1;
	if (**s == '.') {
		(*s)++;
		if (**s < '0' || **s > '9')
			return -1;
		while (**s >= '0' && **s <= '9')
			(*s)++;
	}
	return 0;
}

/* "Z", "+HH", "+HHMM" or "+HH:MM" (or '-'), then the end of the string. */
static int parse_offset(const char **s, struct fields *f)
{
	if (**s == 'Z') {
		(*s)++;
		f->has_offset = 1;
		f->offset = 0;
		return 0;
	}
	if (**s != '+' && **s != '-')
		return -1;
	int sign = **s == '-' ? -1 : 1, h, m = 0;
	(*s)++;
	if (digits(s, 2, &h))
		return -1;
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, &m))
			return -1;
	} else if (**s) {
		if (digits(s, 2, &m))
			return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	f->has_offset = 1;
	f->offset = sign * (h * 60 + m);
	return 0;
}

static int fields_valid(const struct fields *f)
{
	return f->mon >= 1 && f->mon <= 12 && f->day >= 1 &&
	       f->day <= days_in_month(f->year, f->mon) &&
	       f->hour < 24 && f->min < 60 && f->sec < 60;
}

/* Split s into fields; -1 on any syntax error or trailing garbage. */
static int parse_fields(const char *s, struct fields *f)
{
	memset(f, 0, sizeof *f);
	if (parse_day(&s, f))
		return -1;
	if (*s == 'T') {
		s++;
	} else if (*s == ' ' || *s == '\t') {
		skip_blanks(&s);
	} else {
		return *s ? -1 : 0;
	}
	if (parse_time(&s, f))
		return -1;
	skip_blanks(&s);
	if (*s && parse_offset(&s, f))
		return -1;
	return *s ? -1 : 0;
}

/*
 * The cache: the zone TZ was last set to by us, and the offset that zone
 * has for every instant in [lo, hi) (one local hour, or empty).  Only
 * ever touched by use_zone() and zone_offset_at().
 */
static struct {
	char tz[128];
	int64_t lo, hi;
	int offset;
} zone_cache;

/* Make the C library's local time be zone tz ("UTC" when empty). */
static void use_zone(const char *tz)
{
	if (!tz || !*tz)
		tz = "UTC";
	size_t n = strlen(tz);
	if (n < sizeof zone_cache.tz && !strcmp(zone_cache.tz, tz))
		return;
	setenv("TZ", tz, 1);
	tzset();
	zone_cache.lo = zone_cache.hi = 0;
	if (n < sizeof zone_cache.tz)
		memcpy(zone_cache.tz, tz, n + 1);
	else
		zone_cache.tz[0] = '\0';
}

/* The offset of the current zone at t, from the C library. */
static int libc_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		return 0;
	struct fields f = {
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		tm.tm_hour, tm.tm_min, tm.tm_sec, 0, 0, 1, 1
	};
	return (int)((fields_utc(&f) - t) / 60);
}

/* The offset of zone tz at t; remembers the hour around t when the
 * offset holds for all of it. */
static int zone_offset_at(const char *tz, int64_t t)
{
	use_zone(tz);
	if (t >= zone_cache.lo && t < zone_cache.hi)
		return zone_cache.offset;
	int off = libc_offset(t);
	int64_t lo = t - ((t % 3600) + 3600) % 3600, hi = lo + 3600;
	if (libc_offset(lo) == off && libc_offset(hi - 1) == off) {
		zone_cache.lo = lo;
		zone_cache.hi = hi;
		zone_cache.offset = off;
	}
	return off;
}

/* The instant of local fields in zone tz. */
static int local_instant(const struct fields *f, const char *tz, int64_t *t)
{
	use_zone(tz);
	int64_t guess = fields_utc(f) - (int64_t)zone_cache.offset * 60;
	if (zone_cache.hi > zone_cache.lo && guess >= zone_cache.lo &&
	    guess < zone_cache.hi) {
		*t = guess;
		return 0;
	}
	struct tm tm = {0};
	tm.tm_year = f->year - 1900;
	tm.tm_mon = f->mon - 1;
	tm.tm_mday = f->day;
	tm.tm_hour = f->hour;
	tm.tm_min = f->min;
	tm.tm_sec = f->sec;
	tm.tm_isdst = -1;
	time_t r = mktime(&tm);
	if (r == (time_t)-1 && tm.tm_year != 69)
		return -1;
	*t = (int64_t)r;
	return 0;
}

int date_parse(const char *s, const char *tz, int64_t *t, int *offset)
{
	struct fields f;
	if (!s || parse_fields(s, &f) || !fields_valid(&f))
		return -1;
	if (f.has_offset) {
		*t = fields_utc(&f) - (int64_t)f.offset * 60;
		*offset = f.offset;
		return 0;
	}
	if (local_instant(&f, tz, t))
		return -1;
	*offset = zone_offset_at(tz, *t);
	/* The instant that shows as written at that offset in whole minutes
	 * (zones' old local mean times are not whole minutes). */
	*t = fields_utc(&f) - (int64_t)*offset * 60;
	return 0;
}

int date_valid(const char *s)
{
	struct fields f;
	return s && !parse_fields(s, &f) && fields_valid(&f);
}

int date_has_time(const char *s)
{
	struct fields f;
	return s && !parse_fields(s, &f) && f.has_time;
}

int date_is_yaml_time(const char *s, int *has_offset)
{
	struct fields f;
	if (!s || parse_fields(s, &f) || !f.has_seconds)
		return 0;
	*has_offset = f.has_offset;
	return 1;
}

int date_zone_offset(const char *tz, int64_t t)
{
	return zone_offset_at(tz, t);
}

/* Format t at offset with sep between day and time, sp before the offset. */
/* n as exactly width decimal digits at p: the end. */
static char *digits_at(char *p, int n, int width)
{
	for (int i = width - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	return p + width;
}

static char *text_at(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

/* What format() writes, without snprintf (a list page formats a hundred
 * dates): the fields are in range, and "YYYY-MM-DD?hh:mm:ss??+hh:mm"
 * fits in size. */
static void format_fast(int y, int m, int d, int64_t secs, int offset,
			const char *sep, const char *sp, char *buf)
{
	int a = offset < 0 ? -offset : offset;
	char *p = digits_at(buf, y, 4);
	*p++ = '-';
	p = digits_at(p, m, 2);
	*p++ = '-';
	p = digits_at(p, d, 2);
	p = text_at(p, sep);
	p = digits_at(p, (int)(secs / 3600), 2);
	*p++ = ':';
	p = digits_at(p, (int)(secs / 60 % 60), 2);
	*p++ = ':';
	p = digits_at(p, (int)(secs % 60), 2);
	p = text_at(p, sp);
	*p++ = offset < 0 ? '-' : '+';
	p = digits_at(p, a / 60, 2);
	*p++ = ':';
	p = digits_at(p, a % 60, 2);
	*p = '\0';
}

static void format(int64_t t, int offset, const char *sep, const char *sp,
		   char *buf, size_t size)
{
	int64_t local = t + (int64_t)offset * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	int a = offset < 0 ? -offset : offset;
	if (y >= 0 && y <= 9999 && a < 100 * 60 &&
	    size > 24 + strlen(sep) + strlen(sp)) {
		format_fast(y, m, d, secs, offset, sep, sp, buf);
		return;
	}
	snprintf(buf, size, "%04d-%02d-%02d%s%02d:%02d:%02d%s%c%02d:%02d",
		 y, m, d, sep, (int)(secs / 3600), (int)(secs / 60 % 60),
		 (int)(secs % 60), sp, offset < 0 ? '-' : '+', a / 60, a % 60);
}

void date_format(int64_t t, int offset, char *buf, size_t size)
{
	format(t, offset, " ", " ", buf, size);
}

void date_format_iso(int64_t t, int offset, char *buf, size_t size)
{
	format(t, offset, "T", "", buf, size);
}

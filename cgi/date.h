/*
 * date.h - the dates Jekyll front matter holds, as instants with the
 * offset they were written in.
 */
#ifndef FINEWS_DATE_H
#define FINEWS_DATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" with an optional
 * " +HHMM" / " +HH:MM" / "Z", or ISO 8601 "YYYY-MM-DDTHH:MM:SS+08:00".
 * Without an offset the time is local to zone tz.  Returns 0 and sets
 * *t (seconds since the epoch) and *offset (minutes east of UTC), or -1.
 */
int date_parse(const char *s, const char *tz, int64_t *t, int *offset);

/* 1 when s is a date date_parse() accepts, in any zone. */
int date_valid(const char *s);

/* 1 when s is such a date with a time of day, not a day alone. */
int date_has_time(const char *s);

/* 1 when s, as a plain YAML scalar, is what SafeYAML (Jekyll's YAML
 * loader) reads as a time: a day and a time with seconds, and maybe an
 * offset (*has_offset).  Without one, SafeYAML takes it as UTC. */
int date_is_yaml_time(const char *s, int *has_offset);

/* The UTC offset, in minutes, of zone tz at instant t. */
int date_zone_offset(const char *tz, int64_t t);

/* Format t as written at offset: "2022-01-10 07:48:36 +08:00" (buf >= 32). */
void date_format(int64_t t, int offset, char *buf, size_t size);

/* Format t as RFC 3339 at offset: "2022-01-10T07:48:36+08:00". */
void date_format_iso(int64_t t, int offset, char *buf, size_t size);

#endif

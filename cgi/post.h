/*
 * post.h - a post, as derived from an entry (entry.h) by the site's
 * rules: the fields the store keeps.
 *
 * post_derive() takes an entry and returns a struct post or a struct
 * post_error ("line: reason"); post_parse() reads a Jekyll file's bytes
 * into an entry and derives it.  Neither touches the store nor keeps
 * state between calls, so they are easy to test and to fuzz.  Front
 * matter is read with libyaml, the body rendered with cmark.
 */
#ifndef FINEWS_POST_H
#define FINEWS_POST_H

#include <stddef.h>
#include <stdint.h>

/* The rules of derivation (derive.c): a store derived under another
 * version is derived again from its entries by the next import. */
#define DERIVE_VERSION "7"

struct entry;

struct strlist {
	char **v;
	size_t n;
	int over;                /* more were given than were kept */
};

struct post {
	char *slug;              /* URL name, from the file name */
	char *title;
	char *layout;            /* NULL when absent */
	struct strlist categories; /* as Jekyll reads them, in order */
	struct strlist tags;
	int64_t published;       /* the instant, seconds since the epoch (UTC) */
	int utc_offset;          /* minutes east of UTC it was written in */
	int date_only;           /* the date had no time of day */
	int zone_offset;         /* the site zone's offset at published */
	char day[11];            /* "YYYY/MM/DD": the permalink's day, as
				    Jekyll computed it (derive.c) */
	char *info_code;         /* share code, NULL when none */
	char *source_url;        /* original article, NULL when none */
	char *source_name;       /* NULL when none */
	char *front_matter;      /* the raw YAML text, every key kept */
	char *body_md;           /* body source, navigation links removed */
	char *body_html;         /* body_md rendered by cmark, sanitized */
	char *summary;           /* plain text, about 120 characters */
	char *body_text;         /* the whole body as plain text, for search */
	char *warning;           /* a non-fatal remark for stderr, or NULL */
	int warning_line;
};

struct post_error {
	int line;                /* 1-based line of the file, 0 when unknown */
	char reason[200];
};

/*
 * Derive the post of entry e; tz is the site's time zone (e.g.
 * "Asia/Shanghai"), used for dates without an offset and for the URL's
 * day.  Returns 0 and fills *p, or -1 and fills *err.  post_free()
 * releases p.
 */
int post_derive(const struct entry *e, const char *tz, struct post *p,
		struct post_error *err);

/* Read the Jekyll post in data[0..len), whose file name (without
 * folders) is name, and derive it: source_jekyll_read(), post_derive(). */
int post_parse(const char *name, const char *data, size_t len,
	       const char *tz, struct post *p, struct post_error *err);
void post_free(struct post *p);

/* The HTML of Markdown md (malloc'ed), as body_html is made: rendered
 * by cmark, then sanitized (sanitize.h). */
char *post_render_html(const char *md);

/* The plain text of Markdown md (malloc'ed), as body_text is made. */
char *post_plain_text(const char *md);

/* A category page (category/wind.html: layout category, category Wind):
 * the category it names. */
struct category_page {
	char *category;          /* its category field, as written */
	char *slug;              /* that category in URLs (downcased, as a
				    post's categories are); NULL when the
				    field has several words, which Jekyll
				    makes several categories */
	char *title;             /* NULL when none */
};

/* Derive the category page of entry e: 0 and *cp; 1 when e is no
 * category page (err says why: no layout: category, no category field);
 * -1 with err on bad front matter.  category_page_free() releases cp. */
int category_page_derive(const struct entry *e, struct category_page *cp,
			 struct post_error *err);
void category_page_free(struct category_page *cp);

/* "2021-12-08-slug.md" -> 1 and the slug/date parts; 0 when not a post. */
int post_filename(const char *name, char date[11], char **slug);

/* 1 and day ("YYYY-MM-DD") when name holds an 18-digit news id that
 * starts with a real date (20220526…), else 0. */
int post_news_id_day(const char *name, char day[11]);

#endif

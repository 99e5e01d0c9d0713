/*
 * cmd.c - the router table: each URL shape and the handler that answers
 * it.  Matching only takes the path apart; handlers find the content.
 */
#include "cmd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A name in a URL: one non-empty path segment. */
static int segment_ok(const char *s, size_t n)
{
	return n > 0 && !memchr(s, '/', n);
}

static int match_home(struct ctx *c)
{
	return !strcmp(c->req.path, "/");
}

static int match_share(struct ctx *c)
{
	return !strcmp(c->req.path, "/html_News/NewsShare.html");
}

/* The last '/' in [p, end), or NULL. */
static const char *prev_slash(const char *p, const char *end)
{
	while (end > p && end[-1] != '/')
		end--;
	return end > p ? end - 1 : NULL;
}

/* PATH ending in ".html": its length without it, else 0. */
static size_t html_prefix(const char *path)
{
	size_t n = strlen(path), k = strlen(".html");
	return n > k && !strcmp(path + n - k, ".html") ? n - k : 0;
}

/*
 * p[0..n) is "/<categories>/<yyyy>/<mm>/<dd>/<slug>" or, without
 * categories (the old site's URL of a post whose front matter Jekyll did
 * not see), "/<yyyy>/<mm>/<dd>/<slug>": take it apart into c->route.
 */
static int take_article(struct ctx *c, const char *p, size_t n)
{
	const char *end = p + n;
	const char *s0 = prev_slash(p, end);          /* before the slug */
	const char *s1 = s0 ? prev_slash(p, s0) : NULL;  /* before dd */
	const char *s2 = s1 ? prev_slash(p, s1) : NULL;  /* before mm */
	const char *s3 = s2 ? prev_slash(p, s2) : NULL;  /* before yyyy */
	if (!s3 || s3 == p + 1 || end - (s0 + 1) < 1 ||
	    s0 - s1 != 3 || !digits(s1 + 1, 2) ||
	    s1 - s2 != 3 || !digits(s2 + 1, 2) ||
	    s2 - s3 != 5 || !digits(s3 + 1, 4))
		return 0;
	c->route.categories = xstrndup(p + 1, s3 > p ? (size_t)(s3 - p - 1) : 0);
	memcpy(c->route.day, s3 + 1, 10);
	c->route.day[10] = '\0';
	c->route.slug = xstrndup(s0 + 1, (size_t)(end - (s0 + 1)));
	return 1;
}

/* /<categories>/<yyyy>/<mm>/<dd>/<slug>.html, /<yyyy>/<mm>/<dd>/<slug>.html */
static int match_article(struct ctx *c)
{
	size_t n = html_prefix(c->req.path);
	return n && take_article(c, c->req.path, n);
}

/* The same without ".html": GitHub Pages served /x from x.html. */
static int match_article_bare(struct ctx *c)
{
	return !html_prefix(c->req.path) &&
	       take_article(c, c->req.path, strlen(c->req.path));
}

/* /old_post/<yyyy>-<mm>-<dd>-<slug>.html (or without .html): where Jekyll
 * put the archived posts, as plain pages. */
static int match_old_post(struct ctx *c)
{
	const char *p = c->req.path;
	size_t k = strlen("/old_post/"), n = html_prefix(p);
	if (strncmp(p, "/old_post/", k))
		return 0;
	n = n ? n : strlen(p);
	const char *name = p + k;
	if (n < k + 12 || !segment_ok(name, n - k) || !digits(name, 4) ||
	    name[4] != '-' || !digits(name + 5, 2) || name[7] != '-' ||
	    !digits(name + 8, 2) || name[10] != '-')
		return 0;
	snprintf(c->route.day, sizeof c->route.day, "%.4s/%.2s/%.2s",
		 name, name + 5, name + 8);
	c->route.slug = xstrndup(name + 11, n - k - 11);
	c->route.categories = xstrdup("");
	return 1;
}

/* /<category>/ */
static int match_category(struct ctx *c)
{
	const char *p = c->req.path + 1;
	size_t n = strlen(p);
	if (n < 2 || p[n - 1] != '/' || !segment_ok(p, n - 1))
		return 0;
	c->route.categories = xstrndup(p, n - 1);
	return 1;
}

/* /category/<category>.html (or without .html), the Jekyll theme's
 * category pages; the handler reads the name. */
static int match_old_category(struct ctx *c)
{
	const char *p = c->req.path;
	size_t k = strlen("/category/"), n = html_prefix(p);
	n = n ? n : strlen(p);
	if (n <= k || strncmp(p, "/category/", k) || !segment_ok(p + k, n - k))
		return 0;
	c->route.categories = xstrndup(p + k, n - k);
	return 1;
}

/* /<category> and /<category>/index.html: GitHub Pages' forms of the
 * category's page. */
static int match_category_moved(struct ctx *c)
{
	const char *p = c->req.path + 1;
	size_t n = strlen(p), k = strlen("/index.html");
	if (n > k && !strcmp(p + n - k, "/index.html"))
		n -= k;
	if (!segment_ok(p, n))
		return 0;
	c->route.categories = xstrndup(p, n);
	return 1;
}

/* Old addresses with a fixed new one. */
static const struct {
	const char *from, *to;
} moved[] = {
	{"/index.html", "/"},
	{"/feed", "/feed.xml"},                 /* GitHub Pages: feed.xml */
	{"/categories/", "/category/"},         /* the old 分类 page */
	{"/categories", "/category/"},
	{"/categories.html", "/category/"},
	{"/categories/index.html", "/category/"},
	{"/category", "/category/"},
	{"/category/index.html", "/category/"},
	{"/tags", "/tags/"},
	{"/tags/index.html", "/tags/"},
};

static int match_moved(struct ctx *c)
{
	for (size_t i = 0; i < sizeof moved / sizeof *moved; i++)
		if (!strcmp(c->req.path, moved[i].from)) {
			c->route.moved = moved[i].to;
			return 1;
		}
	return 0;
}

static int match_sources(struct ctx *c)
{
	return !strcmp(c->req.path, "/category/");
}

/* /all/: the stream of every post, before the categories' pages */
static int match_stream(struct ctx *c)
{
	return !strcmp(c->req.path, "/all/");
}

static int match_tags(struct ctx *c)
{
	return !strcmp(c->req.path, "/tags/");
}

/* /tags/<tag>/ */
static int match_tag(struct ctx *c)
{
	const char *p = c->req.path;
	size_t n = strlen(p), k = strlen("/tags/");
	if (n <= k + 1 || strncmp(p, "/tags/", k) || p[n - 1] != '/' ||
	    !segment_ok(p + k, n - k - 1))
		return 0;
	c->route.tag = xstrndup(p + k, n - k - 1);
	return 1;
}

static int match_search(struct ctx *c)
{
	return !strcmp(c->req.path, "/search");
}

/* PATH ending in "/feed.xml": the length before it, else 0. */
static size_t feed_prefix(const char *path)
{
	size_t n = strlen(path), k = strlen("/feed.xml");
	return n > k && !strcmp(path + n - k, "/feed.xml") ? n - k : 0;
}

static int match_feed_site(struct ctx *c)
{
	return !strcmp(c->req.path, "/feed.xml");
}

/* /<category>/feed.xml */
static int match_feed_category(struct ctx *c)
{
	size_t n = feed_prefix(c->req.path);
	if (n < 2 || !segment_ok(c->req.path + 1, n - 1))
		return 0;
	c->route.categories = xstrndup(c->req.path + 1, n - 1);
	return 1;
}

/* /tags/<tag>/feed.xml */
static int match_feed_tag(struct ctx *c)
{
	const char *p = c->req.path;
	size_t n = feed_prefix(p), k = strlen("/tags/");
	if (n <= k || strncmp(p, "/tags/", k) || !segment_ok(p + k, n - k))
		return 0;
	c->route.tag = xstrndup(p + k, n - k);
	return 1;
}

static int match_sitemap(struct ctx *c)
{
	return !strcmp(c->req.path, "/sitemap.xml");
}

/* /sitemap-<n>.xml, n a plain positive number (the handler reads it) */
static int match_sitemap_part(struct ctx *c)
{
	const char *p = c->req.path;
	size_t n = strlen(p), k = strlen("/sitemap-");
	if (n <= k + 4 || n - k - 4 > 9)
		return 0;
	return !strncmp(p, "/sitemap-", k) && !strcmp(p + n - 4, ".xml") &&
	       p[k] != '0' && digits(p + k, n - k - 4);
}

static int match_robots(struct ctx *c)
{
	return !strcmp(c->req.path, "/robots.txt");
}

static int match_status(struct ctx *c)
{
	return !strcmp(c->req.path, "/_status");
}

/* /_floor: the bench's FastCGI floor (ui-floor.c) */
static int match_floor(struct ctx *c)
{
	return !strcmp(c->req.path, "/_floor");
}

static int match_any(struct ctx *c)
{
	(void)c;
	return 1;
}

static const struct cmd cmds[] = {
	{"home", match_home, ui_home},
	{"share", match_share, ui_share},
	{"search", match_search, ui_search},
	{"feed", match_feed_site, ui_feed_site},
	{"tag-feed", match_feed_tag, ui_feed_tag},
	{"category-feed", match_feed_category, ui_feed_category},
	{"sitemap", match_sitemap, ui_sitemap},
	{"sitemap-part", match_sitemap_part, ui_sitemap_part},
	{"robots", match_robots, ui_robots},
	{"status", match_status, ui_status},
	{"floor", match_floor, ui_floor},
	{"article", match_article, ui_article},
	{"article-bare", match_article_bare, ui_article_bare},
	{"old-post", match_old_post, ui_old_post},
	{"sources", match_sources, ui_sources},
	{"moved", match_moved, ui_moved},
	{"old-category", match_old_category, ui_old_category},
	{"tags", match_tags, ui_tags},
	{"tag", match_tag, ui_tag},
	{"stream", match_stream, ui_stream},
	{"category", match_category, ui_category},
	{"category-moved", match_category_moved, ui_category_moved},
	{"notfound", match_any, ui_notfound},
};

const struct cmd *cmd_find(struct ctx *c)
{
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (cmds[i].match(c))
			return &cmds[i];
	return &cmds[sizeof cmds / sizeof *cmds - 1];
}

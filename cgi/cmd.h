/*
 * cmd.h - the router: which handler answers which URL.  The table is in
 * cmd.c; each page kind's handler is in its own ui-*.c file.
 */
#ifndef FINEWS_CMD_H
#define FINEWS_CMD_H

#include "page.h"

struct cmd {
	const char *name;
	/* 1 when the path is this command's (filling c->route), else 0 */
	int (*match)(struct ctx *c);
	/* 0 when answered, -1 when the store failed (the caller sends 503) */
	int (*handle)(struct ctx *c);
};

/* The command for the request's path: never NULL (not-found is last). */
const struct cmd *cmd_find(struct ctx *c);

/* The handlers, one file each. */
int ui_home(struct ctx *c);          /* ui-home.c:     /                  */
int ui_category(struct ctx *c);      /* ui-category.c: /<category>/        */
int ui_article(struct ctx *c);       /* ui-article.c:  /<c>/y/m/d/slug.html */
int ui_article_bare(struct ctx *c);  /* ui-article.c:  /<c>/y/m/d/slug    */
int ui_old_post(struct ctx *c);      /* ui-article.c:  /old_post/y-m-d-slug.html */
int ui_share(struct ctx *c);         /* ui-share.c:    /html_News/NewsShare.html */
int ui_old_category(struct ctx *c);  /* ui-category.c: /category/<c>.html  */
int ui_category_moved(struct ctx *c); /* ui-category.c: /<c>, /<c>/index.html */
int ui_moved(struct ctx *c);         /* ui-moved.c:    /index.html, /feed … */
int ui_sources(struct ctx *c);       /* ui-sources.c:  /category/         */
/* Count the sources, by initial, into c->site (once per state of the
 * store, after page_new): 0, or -1 when the store failed. */
int sources_count(struct ctx *c);
int ui_tags(struct ctx *c);          /* ui-tags.c:     /tags/             */
int ui_tag(struct ctx *c);           /* ui-tag.c:      /tags/<tag>/        */
int ui_stream(struct ctx *c);        /* ui-stream.c:   /all/ (every post)  */
int ui_search(struct ctx *c);        /* ui-search.c:   /search?q=…         */
int ui_feed_site(struct ctx *c);     /* ui-feed.c:     /feed.xml          */
int ui_feed_category(struct ctx *c); /* ui-feed.c:     /<category>/feed.xml */
int ui_feed_tag(struct ctx *c);      /* ui-feed.c:     /tags/<tag>/feed.xml */
int ui_sitemap(struct ctx *c);       /* ui-sitemap.c:  /sitemap.xml       */
int ui_sitemap_part(struct ctx *c);  /* ui-sitemap.c:  /sitemap-<n>.xml   */
int ui_robots(struct ctx *c);        /* ui-sitemap.c:  /robots.txt        */
int ui_status(struct ctx *c);        /* ui-status.c:   /_status           */
int ui_floor(struct ctx *c);         /* ui-floor.c:    /_floor (bench)    */
/* A feed's title: "[kind：][name - ]site title" (ui-feed.c). */
void feed_title(struct ctx *c, const char *kind, const char *name, struct buf *b);
/* A page's visible link to its feed (layout.tpl's SUBSCRIBE; ui-feed.c):
 * the home page's, a category's, a tag's. */
void feed_subscribe(struct tmpl_dict *root, const char *title, const char *url);
int ui_notfound(struct ctx *c);      /* ui-notfound.c: anything else      */
/* 410 Gone (ui-gone.c): a taken-down post's page; and, once no post
 * answered, 410 when the route's permalink, the old URL's nearest post
 * (with categories unless NULL) or code was a taken-down post's: 1 when
 * sent, 0 when not, -1 when the store failed. */
int ui_gone_send(struct ctx *c);
int ui_gone_at(struct ctx *c);
int ui_gone_near(struct ctx *c, const char *categories);
int ui_gone_code(struct ctx *c, const char *code);

/* A paginated list of posts (ui-list.c), for categories and tags. */
struct list {
	const char *name;        /* the category's or tag's name */
	const char *url;         /* its first page: "/emnews/" */
	const char *kind;        /* shown before the name ("标签"), or NULL */
	int64_t id;
	long (*count)(struct store *s, int64_t id);
	int (*posts)(struct store *s, int64_t id, int limit, long offset,
		     post_fn fn, void *arg);
	const char *feed;        /* its Atom feed: "/emnews/feed.xml", or NULL */
};
int ui_list_send(struct ctx *c, const struct list *l);

/* The article page for p (ui-article.c; the share link shows it too). */
int ui_article_send(struct ctx *c, const struct post_row *p);

#endif

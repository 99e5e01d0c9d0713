/*
 * ui-status.c - "/_status", the operators' page: what the store holds
 * (how many posts, the newest, the last import's end and result, the
 * store's version and file, the snapshot served and the last store
 * file refused) and what the processes have done (workers,
 * restarts, reloads, requests served, from master.c's board); plain
 * text, one "key: value" a line, or JSON with ?format=json; never cached.
 * The web server answers it only to loopback (conf/finews.nginx): the
 * store's path is for the operator, and no secret is on it.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "master.h"

/* What the page is made of. */
struct status {
	struct ctx *c;
	struct tmpl_dict *d;
	int64_t import_finished;     /* -1: no import recorded */
	char *import_result;
	int64_t published;           /* -1: not a published snapshot */
	char *snapshot;
};

/* t as RFC 3339 in UTC into key of d. */
static void set_time(struct tmpl_dict *d, const char *key, int64_t t)
{
	char iso[40];
	date_format_iso(t, 0, iso, sizeof iso);
	tmpl_set(d, key, iso);
}

static int add_newest(const struct post_row *p, void *arg)
{
	struct status *st = arg;
	struct tmpl_dict *n = tmpl_add(st->d, "NEWEST");
	struct buf url = {0};
	struct when when;
	buf_adds(&url, st->c->site.url);
	page_post_url(&url, p);
	page_when(st->c, p, &when);
	tmpl_set(n, "TITLE", p->title);
	tmpl_set(n, "URL", url.s);
	tmpl_set(n, "TIME", when.iso);
	buf_free(&url);
	return 0;
}

/* The site keys finews-import writes at the end of each run. */
static int add_site_key(const char *key, const char *value, void *arg)
{
	struct status *st = arg;
	if (!strcmp(key, "import_finished")) {
		st->import_finished = strtoll(value, NULL, 10);
	} else if (!strcmp(key, "import_result")) {
		free(st->import_result);
		st->import_result = xstrdup(value);
	} else if (!strcmp(key, "published_at")) {
		st->published = strtoll(value, NULL, 10);
	} else if (!strcmp(key, "snapshot")) {
		free(st->snapshot);
		st->snapshot = xstrdup(value);
	}
	return 0;
}

static void add_import(struct status *st)
{
	if (st->import_finished < 0)
		return;
	struct tmpl_dict *imp = tmpl_add(st->d, "IMPORT");
	set_time(imp, "TIME", st->import_finished);
	if (st->import_result)
		tmpl_set(tmpl_add(imp, "RESULT"), "TEXT", st->import_result);
}

/* The snapshot served (finews-import --publish), and the last store file
 * this worker refused to swap in (finews.c). */
static void add_snapshot(struct status *st)
{
	if (st->snapshot && st->published >= 0) {
		struct tmpl_dict *d = tmpl_add(st->d, "SNAPSHOT");
		tmpl_set(d, "NAME", st->snapshot);
		set_time(d, "PUBLISHED", st->published);
		tmpl_set_int(d, "AGE", (long)(time(NULL) - st->published));
	}
	const struct refusal *r = &st->c->refused;
	if (r->when) {
		struct tmpl_dict *d = tmpl_add(st->d, "REFUSED");
		set_time(d, "TIME", r->when);
		tmpl_set(d, "WHY", r->why);
	}
}

static void add_worker(const struct master_worker *w, void *arg)
{
	struct tmpl_dict *d = tmpl_add(arg, "WORKER");
	tmpl_set_int(d, "PID", w->pid);
	tmpl_set_int(d, "REQUESTS", (long)w->requests);
	set_time(d, "STARTED", w->started);
}

/* The processes' counters; -1 outside finews.fcgi's workers. */
static int add_processes(struct tmpl_dict *d)
{
	struct master_status ms;
	if (master_status(&ms, add_worker, d) < 0)
		return -1;
	set_time(d, "STARTED", ms.started);
	tmpl_set_int(d, "WORKERS", ms.workers);
	tmpl_set_int(d, "RESTARTS", ms.restarts);
	tmpl_set_int(d, "RELOADS", ms.reloads);
	if (ms.reloaded)
		set_time(tmpl_add(d, "RELOADED"), "TIME", ms.reloaded);
	tmpl_set_int(d, "REQUESTS", (long)ms.requests);
	return 0;
}

/* Everything from the store: -1 when it failed. */
static int add_store(struct status *st)
{
	long posts, categories, tags;
	if (store_sitemap_counts(&st->c->store, &posts, &categories, &tags) < 0 ||
	    store_newest(&st->c->store, 1, add_newest, st) < 0 ||
	    store_site(&st->c->store, add_site_key, st) < 0)
		return -1;
	tmpl_set_int(st->d, "POSTS", posts);
	add_import(st);
	add_snapshot(st);
	/* store_open() serves no other version than its own */
	tmpl_set_int(st->d, "STORE_VERSION", STORE_VERSION);
	tmpl_set(st->d, "STORE_PATH", st->c->store.path);
	return 0;
}

int ui_status(struct ctx *c)
{
	const char *format = request_param(&c->req, "format", 0);
	int json = format && !strcmp(format, "json");
	if (format && !json && strcmp(format, "text")) {
		page_plain(c, 400, "format: text (the default) or json\n");
		return 0;
	}
	struct status st = {c, tmpl_new("status"), -1, NULL, -1, NULL};
	int rc = page_site(c, st.d) < 0 || add_store(&st) < 0 ||
		 add_processes(st.d) < 0 ? -1 : 0;
	free(st.import_result);
	free(st.snapshot);
	if (rc < 0) {
		tmpl_free(st.d);
		return -1;
	}
	c->cache_control = "no-store";
	return page_send_template(c, 200, json ? "status.json.tpl" : "status.txt.tpl",
				  st.d, json ? "application/json" :
				  "text/plain; charset=utf-8");
}

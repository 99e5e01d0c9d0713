/*
 * finews.c - finews.fcgi: the FastCGI server.
 *
 *   finews.fcgi --db FILE [--listen HOST:PORT | --listen /path/to.sock]...
 *               [--workers N] [--request-timeout SECONDS] [--backlog N]
 *               [--templates DIR]
 *
 * A master forks the workers (master.c); each worker process has one
 * context (struct ctx): its own read-only store connection, prepared
 * statements and templates, for its whole life.  SIGHUP loads the
 * templates again in the master and replaces the workers.  A request is
 * parsed and checked (request.c) before the router (cmd.c) hands it to a
 * handler.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "cmd.h"
#include "listen.h"
#include "log.h"
#include "master.h"
#include "search.h"
#include "tmpl.h"

#ifndef FINEWS_TEMPLATES
#define FINEWS_TEMPLATES "templates"
#endif

struct options {
	const char *db, *templates;
	const char *listen[LISTEN_MAX];
	int nlisten;
	int workers;
	int request_timeout;    /* seconds; 0: none */
	int backlog;
	int socks[LISTEN_MAX];  /* one for each --listen, or descriptor 0 */
	int nsocks;
};

static void usage(FILE *f)
{
	fputs("usage: finews.fcgi --db FILE [--listen HOST:PORT | --listen /path.sock]...\n"
	      "                   [--workers N] [--request-timeout SECONDS] [--backlog N]\n"
	      "                   [--templates DIR]\n"
	      "Serve the finews store over FastCGI.  Without --listen, serve the\n"
	      "socket inherited as descriptor 0 (spawn-fcgi, systemd).\n"
	      "  --db FILE        the store made by finews-import (opened read-only)\n"
	      "  --listen ADDR    a unix socket path, HOST:PORT, or PORT (127.0.0.1);\n"
	      "                   up to 4 times (a unix socket and a loopback port\n"
	      "                   for nginx to fall back on when it is full)\n"
	      "  --workers N      worker processes (default: the number of cores)\n"
	      "  --request-timeout SECONDS\n"
	      "                   kill and replace a worker whose request runs\n"
	      "                   longer, or that is stopped that long (default 10;\n"
	      "                   0: never)\n"
	      "  --backlog N      connections queued on each socket (default: as\n"
	      "                   many as the kernel allows, net.core.somaxconn)\n"
	      "  --templates DIR  the templates (default " FINEWS_TEMPLATES ")\n", f);
}

/* The store as the file at db is now: opened again when the file was
 * replaced (a restore, a new import from scratch; see store-file.c), and
 * after a statement failed (pages read while the file was cut short must
 * not stay in the connection's cache); -1, with a line on stderr, when it
 * is missing or cannot be opened.  One stat() a request. */
/* The file at db, opened while c->store still serves, replaces it when
 * it passes store_check(); else it is refused, once: the old store goes
 * on serving (its descriptors read the file it opened, whatever the
 * name points to now) and this file is not tried again.  -1 when
 * refused. */
static int store_swap(struct ctx *c, const char *db, const struct store_id *id)
{
	struct store next;
	char why[sizeof c->refused.why] = "cannot be opened as a store";
	memset(&next, 0, sizeof next);
	/* the header first, while this process has no descriptor of it */
	if (!store_file_check(db, why, sizeof why) && store_open(&next, db, 1) == 0 &&
	    store_check(&next, why, sizeof why) == 0 && search_register(next.db) == 0) {
		store_close(&c->store);
		page_site_free(&c->site);
		c->store = next;
		return 0;
	}
	store_close(&next);
	c->refused.id = *id;
	c->refused.when = time(NULL);
	snprintf(c->refused.why, sizeof c->refused.why, "%s", why);
	log_repeat(LOG_LEVEL_ERROR, "finews: %s: the new file is refused, the "
		   "store open before goes on serving: %s", db, why);
	return -1;
}

/* The store open, and the file at db: 0 when ready to serve. */
static int store_ready(struct ctx *c, const char *db)
{
	struct store_id id;
	log_tick();
	if (store_file_id(db, &id) < 0) {
		log_msg("finews: %s: %s", db, strerror(errno));
		store_close(&c->store);   /* let go of the file that was there */
		return -1;
	}
	int serving = c->store.db && !c->store.failed;
	if (serving && (store_id_same(&id, &c->store.id) ||
			(c->refused.when && store_id_same(&id, &c->refused.id))))
		return 0;
	if (serving) {
		store_swap(c, db, &id);
		return 0;
	}
	store_close(&c->store);
	page_site_free(&c->site);
	if (store_open(&c->store, db, 1) < 0 || search_register(c->store.db) < 0) {
		store_close(&c->store);
		return -1;
	}
	return 0;
}

/* Answer one request, whatever it is. */
static void handle(struct ctx *c, FCGX_Request *fr, const char *db)
{
	c->out = fr->out;
	const char *method = FCGX_GetParam("REQUEST_METHOD", fr->envp);
	const char *target = FCGX_GetParam("REQUEST_URI", fr->envp);
	if (!target)
		log_msg("finews: a request without REQUEST_URI: does the web server "
			"include fastcgi_params?");
	int ready = store_ready(c, db) == 0;
	int parsed = request_parse(&c->req, method, target);
	request_accept_encoding(&c->req, FCGX_GetParam("HTTP_ACCEPT_ENCODING", fr->envp));
	if (parsed < 0) {
		if (c->req.method == METHOD_OTHER)
			c->req.method = METHOD_GET;   /* a 400 body for everyone */
		if (!ready || store_read_begin(&c->store) < 0)
			page_plain(c, 400, "Bad Request\n");
		else
			page_error(c, 400, "请求无效");
		if (ready)
			store_read_end(&c->store);
		return;
	}
	if (!ready) {
		page_plain(c, 503, "Service Unavailable\n");
		return;
	}
	const char *https = FCGX_GetParam("HTTPS", fr->envp);
	request_origin(&c->req, FCGX_GetParam("SERVER_NAME", fr->envp),
		       FCGX_GetParam("SERVER_ADDR", fr->envp),
		       FCGX_GetParam("SERVER_PORT", fr->envp),
		       https && !strcmp(https, "on"));
	request_conditions(&c->req, FCGX_GetParam("HTTP_IF_NONE_MATCH", fr->envp),
			   FCGX_GetParam("HTTP_IF_MODIFIED_SINCE", fr->envp));
	int rc = store_read_begin(&c->store);
	if (rc == 0 && c->req.method == METHOD_OTHER) {
		c->allow = "GET, HEAD";
		c->req.method = METHOD_GET;
		rc = page_error(c, 405, "只支持 GET 和 HEAD 请求");
	} else if (rc == 0) {
		rc = cmd_find(c)->handle(c);
	}
	if (rc < 0)
		page_plain(c, 503, "Service Unavailable\n");
	store_read_end(&c->store);
}

/* Forget the request: ready for the next. */
static void reset(struct ctx *c)
{
	request_free(&c->req);
	free(c->route.categories);
	free(c->route.slug);
	free(c->route.tag);
	memset(&c->route, 0, sizeof c->route);
	c->allow = c->location = c->cache_control = c->current = NULL;
	c->current_name = NULL;
	c->current_sources = 0;
	c->own_search_form = 0;
	c->out = NULL;
}

/*
 * End the request and close its connection.  libfcgi's own close waits
 * for the web server to close its end first (a "lingering close", up to
 * 2 s), so that the server never finds its request unread: for every
 * request a round trip through nginx's event loop, during which this
 * worker could have answered the next.  Once the request's input has been
 * read to its end (a GET's is empty; a body is read and dropped, up to
 * DRAIN_MAX) that wait protects nothing, and the connection is closed at
 * once.  This took the article page from 13,300 to 20,400 requests/s
 * with two workers (`make bench`).
 */
static void finish(FCGX_Request *fr)
{
	enum { DRAIN_MAX = 1 << 20 };
	char buf[4096];
	long total = 0;
	int n;
	while (total < DRAIN_MAX && (n = FCGX_GetStr(buf, sizeof buf, fr->in)) > 0)
		total += n;
	if (FCGX_HasSeenEOF(fr->in) == EOF && !FCGX_GetError(fr->in))
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

/*
 * The next request: on the connection the last one kept open (nginx's
 * fastcgi_keep_conn), else on a new connection, accepted here rather
 * than by libfcgi so that it has a receive timeout (listen.c).  libfcgi
 * is given it as the request's connection, kept open (keepConnection)
 * so that FCGX_Accept_r reads it rather than closing it first; the
 * request has no listening socket (-1), so when nothing complete comes
 * (the timeout, a closed or garbled connection) libfcgi closes it and
 * returns, instead of accepting on its own; closes it at once, marked
 * detached, rather than waiting 2 s more for the peer to close first.
 * Asked to stop, a worker still answers what is already queued; asked
 * to make way for a new worker (a reload), it answers at most the one
 * connection that may have woken it alone (listen_last); then -1.
 */
static int next_request(struct listener *l, FCGX_Request *fr)
{
	for (;;) {
		int stopping = master_stopping();
		if (fr->ipcFd >= 0 && stopping)
			FCGX_Free(fr, 1);
		if (fr->ipcFd < 0) {
			int fd = stopping == MASTER_RETIRE ? listen_last(l) :
				 listen_accept(l, !stopping, master_wait_mask());
			if (fd < 0 && (stopping || errno != EINTR))
				return -1;
			if (fd < 0)
				continue;
			fr->ipcFd = fd;
			fr->keepConnection = 1;
		}
		fr->detached = 1;
		if (FCGX_Accept_r(fr) >= 0) {
			fr->detached = 0;   /* finish() decides */
			return 0;
		}
	}
}

/* One worker process: its own context, for its whole life. */
static int worker(void *arg)
{
	const struct options *o = arg;
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.site.version = -1;
	c.site.sources = -1;
	struct listener l;
	listen_init(&l, o->socks, o->nsocks);
	FCGX_Request fr;
	FCGX_InitRequest(&fr, -1, 0);
	while (next_request(&l, &fr) == 0) {
		master_busy(FCGX_GetParam("REQUEST_METHOD", fr.envp),
			    FCGX_GetParam("REQUEST_URI", fr.envp));
		handle(&c, &fr, o->db);
		reset(&c);
		finish(&fr);
		master_idle();
	}
	FCGX_Free(&fr, 1);
	listen_free(&l);
	page_site_free(&c.site);
	page_gzip_free(&c);
	store_close(&c.store);
	log_flush();
	return 0;
}

/* SIGHUP, in the master: the templates again, for the workers it forks
 * next; when they do not load, those it has stay. */
static int reload(void *arg)
{
	const struct options *o = arg;
	return tmpl_init(o->templates);
}

/* optarg as a number from lo to hi, in *v; else a line on stderr, -1 */
static int number(const char *name, int lo, int hi, int *v)
{
	char *end;
	long n = strtol(optarg, &end, 10);
	if (end == optarg || *end || n < lo || n > hi) {
		log_error("finews: --%s: %d to %d", name, lo, hi);
		return -1;
	}
	*v = (int)n;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"workers", required_argument, NULL, 'w'},
		{"request-timeout", required_argument, NULL, 'r'},
		{"backlog", required_argument, NULL, 'b'},
		{"templates", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	int ch, bad = 0;
	while (!bad && (ch = getopt_long(argc, argv, "d:l:w:r:b:t:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'l':
			if (o->nlisten == LISTEN_MAX) {
				log_error("finews: --listen: %d at most", LISTEN_MAX);
				return 2;
			}
			o->listen[o->nlisten++] = optarg;
			break;
		case 't': o->templates = optarg; break;
		case 'w': bad = number("workers", 1, 256, &o->workers); break;
		case 'r': bad = number("request-timeout", 0, 86400, &o->request_timeout); break;
		case 'b': bad = number("backlog", 1, 1 << 20, &o->backlog); break;
		case 'h': usage(stdout); return 0;
		case 'V': puts("finews.fcgi " FINEWS_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (bad)
		return 2;
	if (!o->db || optind != argc) {
		usage(stderr);
		return 2;
	}
	return -1;
}

/*
 * How many sockets systemd passed from descriptor 3 on (socket activation
 * with LISTEN_FDS, as sd_listen_fds(3) reads it): 0 when the variables
 * are not there or meant for another process, -1 when they cannot be
 * served.  They are unset, so that nothing started later takes them.
 */
static int systemd_sockets(void)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	if (!pid || !fds || strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	char *end;
	long n = strtol(fds, &end, 10);
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (end == fds || *end || n < 1 || n > LISTEN_MAX) {
		log_error("finews: LISTEN_FDS=%s: from 1 to %d sockets", fds, LISTEN_MAX);
		return -1;
	}
	return (int)n;
}

/*
 * The sockets to serve: each --listen; else those systemd passed with
 * LISTEN_FDS (ListenStream= lines of a socket unit); else descriptor 0
 * (StandardInput=socket, spawn-fcgi).
 */
static int open_sockets(struct options *o)
{
	if (o->nlisten == 0) {
		int n = systemd_sockets();
		if (n < 0)
			return -1;
		for (int i = 0; i < n; i++)
			if ((o->socks[o->nsocks++] = listen_inherited(3 + i)) < 0)
				return -1;
		if (n == 0)
			o->socks[o->nsocks++] = listen_inherited(0);
		return o->socks[0] < 0 ? -1 : 0;
	}
	for (int i = 0; i < o->nlisten; i++)
		if ((o->socks[o->nsocks++] = listen_open(o->listen[i], o->backlog)) < 0)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	/* The kernel caps a backlog at net.core.somaxconn (4096 by default
	 * since Linux 5.4): asking for more takes whatever it allows. */
	struct options o = {.templates = FINEWS_TEMPLATES, .request_timeout = 10,
			    .backlog = 65535};
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.workers == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		o.workers = cores > 0 && cores <= 256 ? (int)cores : 2;
	}
	signal(SIGPIPE, SIG_IGN);
	struct store check;
	if (store_open(&check, o.db, 1) < 0)
		return 1;
	store_close(&check);
	if (tmpl_init(o.templates) < 0 || FCGX_Init() != 0)
		return 1;
	if (open_sockets(&o) < 0)
		return 1;
	struct master_conf conf = {o.workers, o.request_timeout, worker, reload, &o};
	return master_run(&conf);
}

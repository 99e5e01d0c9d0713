/*
 * master.h - the process model of finews.fcgi: a master that forks N
 * workers, starts a new one when one dies, and on SIGTERM (or SIGINT)
 * lets them finish the requests in flight before it exits.  On SIGHUP
 * it reloads (the templates, through a callback) and replaces the
 * workers one by one; the workers die with the master.  A worker whose
 * request runs past a time limit, or that is stopped that long, is
 * killed and replaced.  Master and workers share a board of counters,
 * which /_status shows.
 */
#ifndef FINEWS_MASTER_H
#define FINEWS_MASTER_H

#include <signal.h>

/* What the master is given to run. */
struct master_conf {
	int workers;                 /* how many to keep running */
	int limit;                   /* seconds a request may run; 0: none */
	int (*work)(void *arg);      /* a worker's life; its exit status */
	int (*reload)(void *arg);    /* in the master, on SIGHUP: 0, or -1
					(logged) to keep the workers as they are */
	void *arg;
};

/* Run the workers until SIGTERM or SIGINT; kill and replace a worker
 * whose request has run for conf->limit seconds, or that has been
 * stopped that long.  Returns the master's exit status. */
int master_run(const struct master_conf *conf);

/* In a worker: 0 while it serves; MASTER_STOP once asked to stop (it
 * still answers the connections already queued: the master is going);
 * MASTER_RETIRE once asked to make way for a new worker (it answers the
 * request in hand and takes no more). */
enum { MASTER_STOP = 1, MASTER_RETIRE = 2 };
int master_stopping(void);

/* In a worker: the signal mask to wait for a connection with.  SIGTERM,
 * SIGINT and SIGUSR1 are blocked at all other times, so a request is
 * never cut short: they arrive only during that wait. */
const sigset_t *master_wait_mask(void);

/* In a worker: a request (method and target, for the log) begins, and is
 * counted; the master times it until master_idle(). */
void master_busy(const char *method, const char *target);
void master_idle(void);

/* The counters, as a worker reads them for /_status. */
struct master_status {
	int workers;                 /* how many the master keeps running */
	long restarts;               /* workers started again after one died
					or was killed */
	long reloads;                /* SIGHUPs whose templates loaded */
	long long requests;          /* taken by the workers since the master
					started (the one being answered too) */
	long long started;           /* when it started (Unix time) */
	long long reloaded;          /* the last reload's end, or 0 */
};
/* A worker serving now (not one making way for a new one). */
struct master_worker {
	int pid;
	long long requests;          /* taken by it */
	long long started;           /* Unix time */
};
/* Fill *st; fn(worker, arg) for each worker serving.  -1 outside a
 * master's worker. */
int master_status(struct master_status *st,
		  void (*fn)(const struct master_worker *w, void *arg), void *arg);

#endif

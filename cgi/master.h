/*
 * master.h - the process model of finews.fcgi: a master that forks N
 * workers, starts a new one when one dies, and on SIGTERM (or SIGINT)
 * lets them finish the requests in flight before it exits.  SIGHUP is
 * logged and ignored; the workers die with the master.  A worker whose
 * request runs past a time limit, or that is stopped that long, is
 * killed and replaced.
 */
#ifndef FINEWS_MASTER_H
#define FINEWS_MASTER_H

#include <signal.h>

/* Run n workers, each calling work(arg) in its own process, until
 * SIGTERM or SIGINT; kill and replace a worker whose request has run
 * for limit seconds, or that has been stopped that long (0: no limit).
 * Returns the master's exit status. */
int master_run(int n, int limit, int (*work)(void *arg), void *arg);

/* In a worker: 1 once it has been asked to stop. */
int master_stopping(void);

/* In a worker: the signal mask to wait for a connection with.  SIGTERM
 * and SIGINT are blocked at all other times, so a request is never cut
 * short: they arrive only during that wait. */
const sigset_t *master_wait_mask(void);

/* In a worker: a request (method and target, for the log) begins; the
 * master times it until master_idle(). */
void master_busy(const char *method, const char *target);
void master_idle(void);

#endif

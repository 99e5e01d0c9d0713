/*
 * master.c - the master process: forks the workers, starts a new one
 * when one dies (after a pause when they die at once, so a broken store
 * does not make a fork storm), and on SIGTERM or SIGINT asks each to
 * stop, waits for them to finish what they are answering, and exits 0.
 * SIGHUP is logged and changes nothing.  The workers die with the master
 * however it ends (PR_SET_PDEATHSIG), so none is left holding the
 * listening socket.
 *
 * The master waits for its signals with sigwaitinfo(), so there is no
 * race between a child's death and a request to stop.  A worker's only
 * state here is the flag its SIGTERM handler sets.
 */
#include "master.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STOP_GRACE 10          /* seconds the workers get to finish */

static volatile sig_atomic_t stop_asked;   /* in a worker */

static void on_stop(int sig)
{
	(void)sig;
	stop_asked = 1;
}

int master_stopping(void)
{
	return stop_asked;
}

void master_hold(int hold)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/*
 * In the child: die with the master, whatever ends it (kill -9 too), so
 * that no worker is left holding the listening socket; when the master
 * is already gone (between fork() and prctl()), stop at once.  SIGHUP
 * (a terminal's hang-up, sent to the whole group) is ignored.
 */
static void follow_master(pid_t master)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != master)
		_exit(1);
	signal(SIGHUP, SIG_IGN);
}

/* In the child: take SIGTERM and SIGINT as "stop after this request". */
static pid_t spawn(int (*work)(void *), void *arg)
{
	pid_t master = getpid();
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	follow_master(master);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;     /* no SA_RESTART: accept() is interrupted */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGCHLD, SIG_DFL);
	sigset_t all;
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	_exit(work(arg));
}

static void describe(pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		fprintf(stderr, "finews: worker %d killed by signal %d; starting "
			"another\n", (int)pid, WTERMSIG(status));
	else
		fprintf(stderr, "finews: worker %d exited with status %d; starting "
			"another\n", (int)pid, WEXITSTATUS(status));
}

/* Ask every worker to stop; after STOP_GRACE seconds, make them. */
static void stop_all(pid_t *pids, int n)
{
	int left = 0;
	for (int i = 0; i < n; i++)
		if (pids[i] > 0 && kill(pids[i], SIGTERM) == 0)
			left++;
	time_t deadline = time(NULL) + STOP_GRACE;
	while (left > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			left--;
			continue;
		}
		if (pid < 0 && errno == ECHILD)
			break;
		if (time(NULL) >= deadline) {
			for (int i = 0; i < n; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGKILL);
			deadline = time(NULL) + STOP_GRACE;
		}
		struct timespec ms = {0, 10 * 1000 * 1000};
		nanosleep(&ms, NULL);
	}
}

int master_run(int n, int (*work)(void *arg), void *arg)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid_t *pids = calloc((size_t)n, sizeof *pids);
	if (!pids)
		return 1;
	for (int i = 0; i < n; i++)
		pids[i] = spawn(work, arg);
	time_t last_death = 0;
	int quick_deaths = 0;
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&set, &si);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			fputs("finews: SIGHUP: nothing to reload (a changed store is read "
			      "again by itself); carrying on\n", stderr);
		if (sig != SIGCHLD)
			continue;
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (int i = 0; i < n; i++) {
				if (pids[i] != pid)
					continue;
				describe(pid, status);
				time_t now = time(NULL);
				quick_deaths = now - last_death < 2 ? quick_deaths + 1 : 0;
				last_death = now;
				if (quick_deaths > n)
					sleep(1);   /* they die as soon as they start */
				pids[i] = spawn(work, arg);
			}
		}
	}
	stop_all(pids, n);
	free(pids);
	return 0;
}

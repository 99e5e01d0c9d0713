/*
 * master.c - the master process: forks the workers, starts a new one
 * when one dies (after a pause when they die at once, so a broken store
 * does not make a fork storm), and on SIGTERM or SIGINT asks each to
 * stop, waits for them to finish what they are answering, and exits 0.
 * SIGHUP is logged and changes nothing.  The workers die with the master
 * however it ends (PR_SET_PDEATHSIG), so none is left holding the
 * listening socket.
 *
 * Each worker has a slot in memory shared with the master, where it
 * writes when its current request began, and what it is.  The master
 * kills (SIGKILL) a worker whose request has run longer than the limit,
 * or that has been stopped (SIGSTOP) that long, and forks a new one: a
 * hung or stopped worker would otherwise keep its request, and the ones
 * queued behind it, until nginx gives up after 60 s.
 *
 * The master waits for its signals with sigtimedwait(), until the next
 * request's deadline, so there is no race between a child's death and a
 * request to stop.  A worker's only state here is its slot and the flag
 * its SIGTERM handler sets.
 */
#include "master.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STOP_GRACE 10          /* seconds the workers get to finish */

/* A worker's request, as the master sees it. */
struct slot {
	_Atomic long long since;   /* ms (CLOCK_MONOTONIC) it began; 0: idle */
	char what[120];            /* "GET /path", for the log */
};

/* The master's view of one worker. */
struct worker {
	pid_t pid;
	long long stopped;         /* ms it was stopped (SIGSTOP); 0: running */
	int killed;                /* SIGKILL sent, not yet reaped */
};

static struct slot *slots;                 /* shared by master and workers */
static struct slot *my_slot;               /* in a worker */
static volatile sig_atomic_t stop_asked;   /* in a worker */

static void on_stop(int sig)
{
	(void)sig;
	stop_asked = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int master_stopping(void)
{
	return stop_asked;
}

const sigset_t *master_wait_mask(void)
{
	static sigset_t none;
	sigemptyset(&none);
	return &none;
}

void master_busy(const char *method, const char *target)
{
	if (!my_slot)
		return;
	/* printable ASCII only: the master writes it into its log */
	snprintf(my_slot->what, sizeof my_slot->what, "%s %s",
		 method ? method : "?", target ? target : "?");
	for (char *p = my_slot->what; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			*p = '?';
	atomic_store(&my_slot->since, now_ms());
}

void master_idle(void)
{
	if (my_slot)
		atomic_store(&my_slot->since, 0);
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

/* Worker i: take SIGTERM and SIGINT as "stop after this request"; they
 * stay blocked but while it waits for a connection (master_wait_mask),
 * so that they interrupt nothing else. */
static pid_t spawn(int i, int (*work)(void *), void *arg)
{
	atomic_store(&slots[i].since, 0);
	pid_t master = getpid();
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	follow_master(master);
	my_slot = &slots[i];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;     /* no SA_RESTART: the wait is interrupted */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGCHLD, SIG_DFL);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_SETMASK, &stop, NULL);
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
static void stop_all(struct worker *w, int n)
{
	int left = 0;
	for (int i = 0; i < n; i++)
		if (w[i].pid > 0 && kill(w[i].pid, SIGTERM) == 0) {
			kill(w[i].pid, SIGCONT);   /* a stopped one, to hear it */
			left++;
		}
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
				if (w[i].pid > 0)
					kill(w[i].pid, SIGKILL);
			deadline = time(NULL) + STOP_GRACE;
		}
		struct timespec ms = {0, 10 * 1000 * 1000};
		nanosleep(&ms, NULL);
	}
}

/* Reap the workers that changed state; start a new one for each dead. */
static void reap(struct worker *w, int n, int (*work)(void *), void *arg)
{
	static time_t last_death;
	static int quick_deaths;
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
		int i = 0;
		while (i < n && w[i].pid != pid)
			i++;
		if (i == n)
			continue;
		if (WIFSTOPPED(status) || WIFCONTINUED(status)) {
			w[i].stopped = WIFSTOPPED(status) ? now_ms() : 0;
			continue;
		}
		describe(pid, status);
		time_t now = time(NULL);
		quick_deaths = now - last_death < 2 ? quick_deaths + 1 : 0;
		last_death = now;
		if (quick_deaths > n)
			sleep(1);   /* they die as soon as they start */
		w[i] = (struct worker){spawn(i, work, arg), 0, 0};
	}
}

/* Kill worker i, busy with a request (or stopped, idle) since `since`. */
static void overdue(struct worker *w, int i, long long since, int limit,
		    int stopped)
{
	double secs = (now_ms() - since) / 1000.0;
	if (stopped) {
		fprintf(stderr, "finews: worker %d has been stopped for %.1f s "
			"(--request-timeout %d); killing it\n", (int)w[i].pid,
			secs, limit);
	} else {
		char what[sizeof slots[i].what];
		memcpy(what, slots[i].what, sizeof what);
		what[sizeof what - 1] = '\0';
		fprintf(stderr, "finews: worker %d: %s has run for %.1f s "
			"(--request-timeout %d); killing it\n", (int)w[i].pid,
			what, secs, limit);
	}
	kill(w[i].pid, SIGKILL);
	w[i].killed = 1;
}

/* The earlier of two times, 0 meaning none. */
static long long earliest(long long a, long long b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* Kill the workers past the limit; return the ms until the next one
 * would be (the whole limit when none is busy). */
static long long enforce(struct worker *w, int n, int limit)
{
	long long now = now_ms(), ms = limit * 1000LL, next = ms;
	for (int i = 0; i < n; i++) {
		if (w[i].pid <= 0 || w[i].killed)
			continue;
		long long busy = atomic_load(&slots[i].since);
		long long since = earliest(busy, w[i].stopped);
		if (!since)
			continue;
		if (now - since >= ms)
			overdue(w, i, since, limit, !busy);
		else if (since + ms - now < next)
			next = since + ms - now;
	}
	return next;
}

int master_run(int n, int limit, int (*work)(void *arg), void *arg)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	struct worker *w = calloc((size_t)n, sizeof *w);
	slots = mmap(NULL, (size_t)n * sizeof *slots, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!w || slots == MAP_FAILED) {
		perror("finews: master");
		return 1;
	}
	for (int i = 0; i < n; i++)
		w[i].pid = spawn(i, work, arg);
	long long wait_ms = limit * 1000LL;
	for (;;) {
		struct timespec ts = {wait_ms / 1000, wait_ms % 1000 * 1000000};
		int sig = sigtimedwait(&set, NULL, limit ? &ts : NULL);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			fputs("finews: SIGHUP: nothing to reload (a changed store is read "
			      "again by itself); carrying on\n", stderr);
		if (sig == SIGCHLD)
			reap(w, n, work, arg);
		if (limit)
			wait_ms = enforce(w, n, limit);
	}
	stop_all(w, n);
	free(w);
	return 0;
}

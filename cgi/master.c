/*
 * master.c - the master process: forks the workers, starts a new one
 * when one dies (after a pause when they die at once, so a broken store
 * does not make a fork storm), and on SIGTERM or SIGINT asks each to
 * stop, waits for them to finish what they are answering, and exits 0.
 * The workers end with the master however it ends (PR_SET_PDEATHSIG), each
 * after the request in hand, so none is left holding the listening socket.
 *
 * SIGHUP reloads: the master loads the templates again (the reload
 * callback); when they load, it replaces the workers one at a time, each
 * new worker forked (with the new templates, and opening the store
 * afresh) before the old one is asked (SIGUSR1) to answer the request in
 * hand and go, and the next replaced once it has gone, so that as many
 * workers as ever are taking requests.  When they do not load, the
 * workers keep the ones they have.
 *
 * Master and workers share a board in memory: for each worker, when its
 * current request began and what it is, and how many requests it has
 * served; and the master's counters.  The master kills (SIGKILL) a
 * worker whose request has run longer than the limit, or that has been
 * stopped (SIGSTOP) that long, and forks a new one: a hung or stopped
 * worker would otherwise keep its request, and the ones queued behind it,
 * until nginx gives up after 60 s.  /_status reads the counters.
 *
 * The master waits for its signals with sigtimedwait(), until the next
 * request's deadline, so there is no race between a child's death and a
 * request to stop.  A worker's only state here is its slot and the flag
 * its signal handler sets.
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

#include "log.h"

#define STOP_GRACE 10          /* seconds the workers get to finish */

/* A worker's place on the board. */
struct slot {
	_Atomic long long since;   /* ms (CLOCK_MONOTONIC) its request began;
				      0: idle */
	char what[120];            /* "GET /path", for the log */
	_Atomic int pid;           /* the worker's (it writes it); 0: none */
	_Atomic int serving;       /* 0 once it is to make way for a new one */
	_Atomic long long started; /* Unix time */
	_Atomic long long requests;   /* taken by this worker */
	_Atomic long long served;  /* by every worker this slot has had */
};

/* The memory the master shares with its workers. */
struct board {
	int workers, nslots;
	_Atomic long restarts, reloads;
	_Atomic long long started, reloaded;
	struct slot slot[];
};

/* The master's view of one worker. */
struct worker {
	pid_t pid;                 /* 0: a free slot */
	long long stopped;         /* ms it was stopped (SIGSTOP); 0: running */
	int killed;                /* SIGKILL sent, not yet reaped */
	int retiring;              /* asked to make way (SIGUSR1) */
	long gen;                  /* the reload it was started after */
};

/* The master's context. */
struct master {
	const struct master_conf *conf;
	struct worker *w;          /* one per slot: the workers, and one more
				      while a worker makes way for a new one */
	int nslots;
	long gen;                  /* reloads whose templates loaded */
	int retiring;              /* the slot of the worker making way; -1 */
	long long reload_began;    /* ms; 0 when no reload is under way */
	time_t last_death;
	int quick_deaths;
};

static struct board *board;                /* shared by master and workers */
static struct slot *my_slot;               /* in a worker */
static volatile sig_atomic_t stop_asked;   /* in a worker */

static void on_signal(int sig)
{
	if (sig != SIGUSR1)
		stop_asked = MASTER_STOP;
	else if (!stop_asked)
		stop_asked = MASTER_RETIRE;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A worker busy under load never waits, so its signals stay blocked:
 * the board says too when it is to make way (SIGUSR1 only wakes it). */
int master_stopping(void)
{
	if (!stop_asked && my_slot && !atomic_load(&my_slot->serving))
		return MASTER_RETIRE;
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
	atomic_fetch_add(&my_slot->requests, 1);
	atomic_fetch_add(&my_slot->served, 1);
	atomic_store(&my_slot->since, now_ms());
}

void master_idle(void)
{
	if (my_slot)
		atomic_store(&my_slot->since, 0);
}

int master_status(struct master_status *st,
		  void (*fn)(const struct master_worker *w, void *arg), void *arg)
{
	if (!board)
		return -1;
	memset(st, 0, sizeof *st);
	st->workers = board->workers;
	st->restarts = atomic_load(&board->restarts);
	st->reloads = atomic_load(&board->reloads);
	st->started = atomic_load(&board->started);
	st->reloaded = atomic_load(&board->reloaded);
	for (int i = 0; i < board->nslots; i++) {
		struct slot *s = &board->slot[i];
		st->requests += atomic_load(&s->served);
		struct master_worker w = {atomic_load(&s->pid),
					  atomic_load(&s->requests),
					  atomic_load(&s->started)};
		if (w.pid > 0 && atomic_load(&s->serving))
			fn(&w, arg);
	}
	return 0;
}

/*
 * In the child: end with the master, whatever ends it (kill -9 too), so
 * that no worker is left holding the listening socket: SIGUSR1, "stop
 * after this request", so that the answer a worker is writing is not cut
 * short (nginx could not send that request elsewhere: its head has gone
 * out).  When the master is already gone (between fork() and prctl()),
 * stop at once.  SIGHUP (a terminal's hang-up, sent to the whole group)
 * is ignored.
 */
static void follow_master(pid_t master)
{
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1) < 0 || getppid() != master)
		_exit(1);
	signal(SIGHUP, SIG_IGN);
}

/* In the child: take SIGTERM and SIGINT as "stop after this request and
 * those queued", SIGUSR1 as "stop after this request"; they stay blocked
 * but while it waits for a connection (master_wait_mask), so that they
 * interrupt nothing else. */
static void worker_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;   /* no SA_RESTART: the wait is interrupted */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGCHLD, SIG_DFL);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGUSR1);
	sigprocmask(SIG_SETMASK, &stop, NULL);
}

/* A new worker in slot i: 0, or -1 (logged) when it cannot be forked. */
static int spawn(struct master *m, int i)
{
	struct slot *s = &board->slot[i];
	atomic_store(&s->since, 0);
	atomic_store(&s->pid, 0);
	atomic_store(&s->requests, 0);
	atomic_store(&s->serving, 1);
	pid_t master = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		log_error("finews: cannot start a worker: %s", strerror(errno));
		atomic_store(&s->serving, 0);
		return -1;
	}
	if (pid > 0) {
		m->w[i] = (struct worker){.pid = pid, .gen = m->gen};
		return 0;
	}
	follow_master(master);
	my_slot = s;
	atomic_store(&s->started, (long long)time(NULL));
	atomic_store(&s->pid, (int)getpid());
	worker_signals();
	_exit(m->conf->work(m->conf->arg));
}

/* Slot i is free again. */
static void vacate(struct master *m, int i)
{
	atomic_store(&board->slot[i].pid, 0);
	atomic_store(&board->slot[i].serving, 0);
	atomic_store(&board->slot[i].since, 0);
	m->w[i] = (struct worker){0};
}

/* The workers taking requests: not those making way. */
static int serving(const struct master *m)
{
	int n = 0;
	for (int i = 0; i < m->nslots; i++)
		n += m->w[i].pid > 0 && !m->w[i].retiring;
	return n;
}

static int free_slot(const struct master *m)
{
	for (int i = 0; i < m->nslots; i++)
		if (m->w[i].pid <= 0)
			return i;
	return -1;
}

/* As many workers as asked for: a new one for each that died. */
static void fill(struct master *m)
{
	for (int n = serving(m); n < m->conf->workers; n++) {
		int i = free_slot(m);
		if (i < 0 || spawn(m, i) < 0)
			return;
	}
}

/* A worker that was not asked to go has died: say so, count it, and
 * pause when they die as soon as they start. */
static void died(struct master *m, pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		log_error("finews: worker %d killed by signal %d; starting "
			  "another", (int)pid, WTERMSIG(status));
	else
		log_error("finews: worker %d exited with status %d; starting "
			  "another", (int)pid, WEXITSTATUS(status));
	atomic_fetch_add(&board->restarts, 1);
	time_t now = time(NULL);
	m->quick_deaths = now - m->last_death < 2 ? m->quick_deaths + 1 : 0;
	m->last_death = now;
	if (m->quick_deaths > m->conf->workers)
		sleep(1);
}

/* Reap the workers that changed state; free the slots of the dead. */
static void reap(struct master *m)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
		int i = 0;
		while (i < m->nslots && m->w[i].pid != pid)
			i++;
		if (i == m->nslots)
			continue;
		if (WIFSTOPPED(status) || WIFCONTINUED(status)) {
			m->w[i].stopped = WIFSTOPPED(status) ? now_ms() : 0;
			continue;
		}
		if (m->w[i].retiring)
			m->retiring = -1;
		else
			died(m, pid, status);
		vacate(m, i);
	}
}

/* Ask every worker to stop; after STOP_GRACE seconds, make them. */
static void stop_all(struct master *m)
{
	int left = 0;
	for (int i = 0; i < m->nslots; i++)
		if (m->w[i].pid > 0 && kill(m->w[i].pid, SIGTERM) == 0) {
			kill(m->w[i].pid, SIGCONT);   /* a stopped one, to hear it */
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
			for (int i = 0; i < m->nslots; i++)
				if (m->w[i].pid > 0)
					kill(m->w[i].pid, SIGKILL);
			deadline = time(NULL) + STOP_GRACE;
		}
		struct timespec ms = {0, 10 * 1000 * 1000};
		nanosleep(&ms, NULL);
	}
}

/* SIGHUP: the templates again; when they load, the workers are to be
 * replaced (replace_next), else they keep the ones they have. */
static void reload(struct master *m)
{
	if (m->conf->reload(m->conf->arg) < 0) {
		log_error("finews: SIGHUP: reload failed (see above); the "
			  "workers keep the templates they have");
		return;
	}
	m->gen++;
	atomic_fetch_add(&board->reloads, 1);
	if (!m->reload_began)
		m->reload_began = now_ms();
	log_info("finews: SIGHUP: templates loaded; replacing the %d workers "
		 "one by one", serving(m));
}

/* Ask the worker in slot i to answer the request in hand and go. */
static void retire(struct master *m, int i)
{
	m->w[i].retiring = 1;
	m->retiring = i;
	atomic_store(&board->slot[i].serving, 0);
	kill(m->w[i].pid, SIGUSR1);
	kill(m->w[i].pid, SIGCONT);   /* a stopped one, to hear it */
}

/* A reload under way: once the worker making way has gone, fork a new
 * worker and ask the next of the old ones to make way for it. */
static void replace_next(struct master *m)
{
	if (!m->reload_began || m->retiring >= 0)
		return;
	int old = 0;
	while (old < m->nslots && (m->w[old].pid <= 0 || m->w[old].gen == m->gen))
		old++;
	if (old == m->nslots) {
		log_info("finews: SIGHUP: every worker replaced in %.2f s",
			 (now_ms() - m->reload_began) / 1000.0);
		atomic_store(&board->reloaded, (long long)time(NULL));
		m->reload_began = 0;
		return;
	}
	int i = free_slot(m);
	if (i >= 0 && spawn(m, i) == 0)
		retire(m, old);
}

/* Kill worker i, busy with a request (or stopped, idle) since `since`. */
static void overdue(struct master *m, int i, long long since, int stopped)
{
	double secs = (now_ms() - since) / 1000.0;
	int limit = m->conf->limit;
	pid_t pid = m->w[i].pid;
	if (stopped) {
		log_error("finews: worker %d has been stopped for %.1f s "
			  "(--request-timeout %d); killing it", (int)pid, secs,
			  limit);
	} else {
		char what[sizeof board->slot[i].what];
		memcpy(what, board->slot[i].what, sizeof what);
		what[sizeof what - 1] = '\0';
		log_error("finews: worker %d: %s has run for %.1f s "
			  "(--request-timeout %d); killing it", (int)pid, what,
			  secs, limit);
	}
	kill(pid, SIGKILL);
	m->w[i].killed = 1;
}

/* The earlier of two times, 0 meaning none. */
static long long earliest(long long a, long long b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* Kill the workers past the limit; return the ms until the next one
 * would be (the whole limit when none is busy). */
static long long enforce(struct master *m)
{
	long long now = now_ms(), ms = m->conf->limit * 1000LL, next = ms;
	for (int i = 0; i < m->nslots; i++) {
		if (m->w[i].pid <= 0 || m->w[i].killed)
			continue;
		long long busy = atomic_load(&board->slot[i].since);
		long long since = earliest(busy, m->w[i].stopped);
		if (!since)
			continue;
		if (now - since >= ms)
			overdue(m, i, since, !busy);
		else if (since + ms - now < next)
			next = since + ms - now;
	}
	return next;
}

/* The board, for n workers and one more making way. */
static int board_new(int n)
{
	size_t size = sizeof *board + (size_t)(n + 1) * sizeof board->slot[0];
	board = mmap(NULL, size, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (board == MAP_FAILED) {
		board = NULL;
		return -1;
	}
	board->workers = n;
	board->nslots = n + 1;
	atomic_store(&board->started, (long long)time(NULL));
	return 0;
}

/* Wait for one of set, at most ms (-1: for ever): the signal, or -1. */
static int wait_signal(const sigset_t *set, long long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	return sigtimedwait(set, NULL, ms >= 0 ? &ts : NULL);
}

int master_run(const struct master_conf *conf)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	/* SIGUSR1 is for the workers: blocked from fork() until a worker
	 * has its handler, so that it is never killed by it. */
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	struct master m = {.conf = conf, .nslots = conf->workers + 1,
			   .retiring = -1};
	m.w = calloc((size_t)m.nslots, sizeof *m.w);
	if (!m.w || board_new(conf->workers) < 0) {
		log_error("finews: master: %s", strerror(errno));
		free(m.w);
		return 1;
	}
	fill(&m);
	long long wait_ms = conf->limit ? conf->limit * 1000LL : -1;
	for (;;) {
		if (serving(&m) < conf->workers && (wait_ms < 0 || wait_ms > 1000))
			wait_ms = 1000;   /* a fork failed: try again */
		int sig = wait_signal(&set, wait_ms);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			reload(&m);
		if (sig == SIGCHLD)
			reap(&m);
		fill(&m);
		replace_next(&m);
		wait_ms = conf->limit ? enforce(&m) : -1;
	}
	stop_all(&m);
	free(m.w);
	return 0;
}

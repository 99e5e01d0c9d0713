/*
 * listen.h - finews.fcgi's listening sockets, and the workers' accept:
 * each connection gets a receive timeout, so that one that sends nothing
 * cannot hold a worker.
 */
#ifndef FINEWS_LISTEN_H
#define FINEWS_LISTEN_H

#include <signal.h>

#define LISTEN_MAX 4        /* --listen given up to this many times */
#define LISTEN_IDLE 5       /* seconds a connection may send nothing */

/* Listen on addr: a unix socket path, HOST:PORT, [IPv6]:PORT, or a port
 * alone (PORT, :PORT), which is 127.0.0.1.  The socket, non-blocking, or
 * -1 with a line on stderr. */
int listen_open(const char *addr, int backlog);

/* The socket inherited as descriptor fd (spawn-fcgi, systemd), made
 * non-blocking; -1 with a line on stderr when it is not a listening
 * socket. */
int listen_inherited(int fd);

/* A worker's view of the listening sockets. */
struct listener {
	int fds[LISTEN_MAX];
	int n;
	int ep;                 /* its epoll instance; -1 until it waits */
	unsigned next;          /* the socket to try first */
};

void listen_init(struct listener *l, const int *fds, int n);
void listen_free(struct listener *l);

/* A new connection, with its receive timeout.  Without block, -1 when
 * none is queued; with block, waits for one with the signal mask wait
 * (so that signals blocked otherwise arrive only then), and returns -1
 * when a signal interrupts the wait. */
int listen_accept(struct listener *l, int block, const sigset_t *wait);

/* A worker's last connection: it stops waiting for connections (the
 * others are woken instead) and takes one already queued, if any, which
 * may have woken it alone just before; -1 when none is queued, and ever
 * after. */
int listen_last(struct listener *l);

#endif

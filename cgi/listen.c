/*
 * listen.c - finews.fcgi's listening sockets, and the workers' accept.
 *
 * An address is a unix socket path (it has a '/', or is a name that is
 * not a number), HOST:PORT ([IPv6]:PORT, *:PORT for every interface), or
 * a port alone, PORT or :PORT, which means 127.0.0.1: a FastCGI port is
 * for the web server in front, and one open to other hosts lets anyone
 * who reaches it ask for anything and hold workers.  An explicit host,
 * 0.0.0.0:9000 say, is honoured.
 *
 * The workers accept connections themselves and give each a receive
 * timeout (LISTEN_IDLE) before libfcgi reads it: libfcgi would read a
 * connection that sends nothing for ever, so as many idle connections
 * as there are workers stopped the service.  With the timeout the read
 * fails, libfcgi closes the connection and the worker takes the next.
 * libfcgi's own checks on accepted connections are kept: TCP_NODELAY
 * and the FCGI_WEB_SERVER_ADDRS list of allowed peers.
 *
 * The listening sockets are non-blocking.  A worker first tries to
 * accept (under load there is always a connection waiting), and only
 * when none is queued waits in epoll_pwait(), with EPOLLEXCLUSIVE so
 * that a connection wakes one waiting worker, not all of them.
 */
#define _GNU_SOURCE    /* accept4 */
#include "listen.h"
#include "log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *addr, const char *why)
{
	log_error("finews: cannot listen on %s: %s", addr, why);
	return -1;
}

static int nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* bind, listen, non-blocking: the socket, or -1 (closed) */
static int bind_listen(int fd, const struct sockaddr *sa, socklen_t len,
		       int backlog, const char *addr)
{
	if (bind(fd, sa, len) < 0 || listen(fd, backlog) < 0 ||
	    nonblocking(fd) < 0) {
		fail(addr, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A unix socket at path.  A socket file already there is replaced, as
 * libfcgi did (one left by a process that died, most often); any other
 * file is not. */
static int open_unix(const char *path, int backlog)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path)
		return fail(path, "the path is too long for a unix socket");
	strcpy(sa.sun_path, path);
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(path, strerror(errno));
	return bind_listen(fd, (struct sockaddr *)&sa, sizeof sa, backlog, path);
}

static int is_port(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 5 && !s[n] && atoi(s) > 0 && atoi(s) <= 65535;
}

/* addr as a TCP address: 1 with its host and port, 0 when it is a unix
 * socket path, -1 when it is neither. */
static int tcp_parts(const char *addr, char *host, size_t size,
		     const char **port)
{
	const char *colon = strrchr(addr, ':');
	if (strchr(addr, '/') || (!colon && !is_port(addr)))
		return 0;
	*port = colon ? colon + 1 : addr;
	if (!is_port(*port))
		return -1;
	const char *h = addr;
	size_t len = colon ? (size_t)(colon - addr) : 0;
	if (len >= 2 && h[0] == '[' && h[len - 1] == ']') {
		h++;
		len -= 2;
	}
	if (len == 0)
		h = "127.0.0.1", len = strlen(h);
	else if (len == 1 && *h == '*')
		h = "0.0.0.0", len = strlen(h);
	if (len >= size)
		return -1;
	memcpy(host, h, len);
	host[len] = '\0';
	return 1;
}

static int open_tcp(const char *addr, const char *host, const char *port,
		    int backlog)
{
	struct addrinfo hints, *ai;
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	int rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0)
		return fail(addr, gai_strerror(rc));
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
		fail(addr, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	fd = bind_listen(fd, ai->ai_addr, ai->ai_addrlen, backlog, addr);
	freeaddrinfo(ai);
	return fd;
}

int listen_open(const char *addr, int backlog)
{
	char host[256];
	const char *port;
	switch (tcp_parts(addr, host, sizeof host, &port)) {
	case 0: return open_unix(addr, backlog);
	case 1: return open_tcp(addr, host, port, backlog);
	default: return fail(addr, "not a unix socket path, HOST:PORT or PORT");
	}
}

int listen_inherited(int fd)
{
	int listening = 0;
	socklen_t len = sizeof listening;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0 ||
	    !listening) {
		log_error("finews: no --listen, and descriptor %d is not a "
			  "listening socket (spawn-fcgi, systemd socket activation)", fd);
		return -1;
	}
	if (nonblocking(fd) < 0) {
		log_error("finews: the inherited socket: %s", strerror(errno));
		return -1;
	}
	return fd;
}

void listen_init(struct listener *l, const int *fds, int n)
{
	memset(l, 0, sizeof *l);
	memcpy(l->fds, fds, (size_t)n * sizeof *fds);
	l->n = n;
	l->ep = -1;
}

void listen_free(struct listener *l)
{
	if (l->ep >= 0)
		close(l->ep);
	l->ep = -1;
}

/* Is the peer one of FCGI_WEB_SERVER_ADDRS (comma-separated), when set? */
static int allowed(const struct sockaddr_storage *sa)
{
	const char *list = getenv("FCGI_WEB_SERVER_ADDRS");
	char peer[INET6_ADDRSTRLEN];
	if (!list || !*list)
		return 1;
	const void *in = sa->ss_family == AF_INET6
		? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
		: (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
	if (!inet_ntop(sa->ss_family, in, peer, sizeof peer))
		return 0;
	size_t n = strlen(peer);
	for (const char *p = list; *p; p += strcspn(p, ",")) {
		p += strspn(p, ", ");
		if (!strncmp(p, peer, n) && strchr(", ", p[n]))
			return 1;
	}
	return 0;
}

/* A new connection: its receive timeout, and for TCP, TCP_NODELAY (no
 * replies to wait for) and the allowed peers.  0, or -1 to drop it. */
static int welcome(int fd, const struct sockaddr_storage *sa)
{
	struct timeval idle = {LISTEN_IDLE, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
	if (sa->ss_family != AF_INET && sa->ss_family != AF_INET6)
		return 0;
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return allowed(sa) ? 0 : -1;
}

/* A connection queued on any socket, or -1 (errno EAGAIN: none). */
static int accept_any(struct listener *l)
{
	for (int k = 0; k < l->n; k++) {
		int lfd = l->fds[(l->next + (unsigned)k) % (unsigned)l->n];
		struct sockaddr_storage sa;
		socklen_t len = sizeof sa;
		int fd = accept4(lfd, (struct sockaddr *)&sa, &len, SOCK_CLOEXEC);
		if (fd < 0 && (errno == EMFILE || errno == ENFILE ||
			       errno == ENOBUFS || errno == ENOMEM)) {
			struct timespec pause = {0, 10 * 1000 * 1000};
			nanosleep(&pause, NULL);   /* out of descriptors or memory */
		}
		if (fd < 0)
			continue;
		l->next = (l->next + (unsigned)k + 1) % (unsigned)l->n;
		if (welcome(fd, &sa) == 0)
			return fd;
		close(fd);
		k--;   /* that socket may have more */
	}
	errno = EAGAIN;
	return -1;
}

static int watch(struct listener *l)
{
	l->ep = epoll_create1(EPOLL_CLOEXEC);
	if (l->ep < 0)
		return -1;
	for (int i = 0; i < l->n; i++) {
		struct epoll_event ev;
		memset(&ev, 0, sizeof ev);
		ev.events = EPOLLIN | EPOLLEXCLUSIVE;
		ev.data.fd = l->fds[i];
		if (epoll_ctl(l->ep, EPOLL_CTL_ADD, l->fds[i], &ev) == 0)
			continue;
		ev.events = EPOLLIN;   /* a kernel before 4.5 */
		if (epoll_ctl(l->ep, EPOLL_CTL_ADD, l->fds[i], &ev) < 0) {
			listen_free(l);
			return -1;
		}
	}
	return 0;
}

int listen_accept(struct listener *l, int block, const sigset_t *wait)
{
	for (;;) {
		int fd = accept_any(l);
		if (fd >= 0 || !block)
			return fd;
		if (l->ep < 0 && watch(l) < 0)
			return -1;
		struct epoll_event ev;
		if (epoll_pwait(l->ep, &ev, 1, -1, wait) < 0)
			return -1;
	}
}

int listen_last(struct listener *l)
{
	listen_free(l);
	int fd = accept_any(l);
	l->n = 0;
	return fd;
}

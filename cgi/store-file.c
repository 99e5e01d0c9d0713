/*
 * store-file.c - the store's file, and the -wal and -shm beside it.
 *
 * SQLite finds a database's WAL and WAL index by name, FILE-wal and
 * FILE-shm, and nothing in them says which file they belong to (the WAL
 * header's salts only tie its frames to that header).  A store moved over
 * FILE (mv new.db FILE) would be read through the WAL of the store it
 * replaced, which the read-only workers never checkpoint: the old store's
 * pages over the new one's, a 503 on every page or the old content, and
 * the next writer's checkpoint would copy them into the new store.
 *
 * So FILE-owner names the store file those belong to (device, inode and
 * birth time).  Every finews program that opens FILE holds an exclusive
 * flock on FILE-owner from before SQLite opens the -wal and -shm until it
 * has: when FILE-owner names another file, the -wal, -shm and -journal
 * there are that file's, and are removed first.  Whoever still reads the
 * replaced store keeps its open copies of them, and opens the new file at
 * its next request (store_moved).  An empty FILE-owner (new, or made by a
 * finews before this one) takes the files there as FILE's own, as SQLite
 * does.  finews-import removes FILE-owner when it leaves no -wal and -shm.
 */
#define _GNU_SOURCE   /* statx */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

int store_file_id(const char *path, struct store_id *id)
{
	struct statx sx;
	memset(id, 0, sizeof *id);
	if (statx(AT_FDCWD, path, 0, STATX_INO | STATX_BTIME, &sx) < 0)
		return -1;
	id->dev = (uint64_t)sx.stx_dev_major << 32 | sx.stx_dev_minor;
	id->ino = sx.stx_ino;
	if (sx.stx_mask & STATX_BTIME)   /* an inode number can be reused */
		id->birth = sx.stx_btime.tv_sec * 1000000000LL + sx.stx_btime.tv_nsec;
	return 0;
}

int store_id_same(const struct store_id *a, const struct store_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->birth == b->birth;
}

/* FILE + suffix into buf; -1 when it does not fit. */
static int beside(char *buf, size_t size, const char *file, const char *suffix)
{
	int n = snprintf(buf, size, "%s%s", file, suffix);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Open name and flock it: its descriptor; -1 on an error; -2 when it was
 * removed or replaced before the lock was had (a release): try again. */
static int lock_once(const char *name, mode_t mode)
{
	struct stat st, at;
	int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size == 0 && (st.st_mode & 0777) != mode)
		(void)fchmod(fd, mode);   /* past the umask */
	int rc;
	while ((rc = flock(fd, LOCK_EX)) < 0 && errno == EINTR)
		;
	if (rc == 0 && fstat(fd, &st) == 0 && stat(name, &at) == 0 &&
	    st.st_dev == at.st_dev && st.st_ino == at.st_ino)
		return fd;
	int e = errno;
	close(fd);
	errno = e;
	return rc < 0 ? -1 : -2;
}

int store_owner_lock(const char *file)
{
	char name[4096];
	struct stat st;
	if (beside(name, sizeof name, file, "-owner") < 0)
		return -1;
	/* the store's permissions, as SQLite gives its -wal and -shm */
	mode_t mode = stat(file, &st) == 0 ? st.st_mode & 0777 : 0644;
	int fd = -2;
	for (int tries = 0; fd == -2 && tries < 100; tries++)
		fd = lock_once(name, mode);
	if (fd < 0) {
		log_msg("finews: %s: %s; a store moved over this one could be "
			"read through the old one's WAL", name, strerror(errno));
		return -1;
	}
	return fd;
}

void store_owner_unlock(int fd)
{
	if (fd >= 0)
		close(fd);   /* and the flock with it */
}

/* Remove FILE + suffix, if it is there. */
static int drop(const char *file, const char *suffix)
{
	char name[4096];
	if (beside(name, sizeof name, file, suffix) < 0)
		return -1;
	if (unlink(name) < 0 && errno != ENOENT) {
		log_msg("finews: %s: %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

static int owner_fail(const char *file)
{
	log_msg("finews: %s-owner: %s", file, strerror(errno));
	return -1;
}

int store_owner_claim(int fd, const char *file, const struct store_id *id)
{
	char want[96], had[96];
	int n = snprintf(want, sizeof want, "%llu %llu %lld\n",
			 (unsigned long long)id->dev, (unsigned long long)id->ino,
			 (long long)id->birth);
	ssize_t got = pread(fd, had, sizeof had - 1, 0);
	if (got < 0)
		return owner_fail(file);
	had[got] = '\0';
	if (!strcmp(had, want))
		return 0;
	if (*had) {
		log_repeat(LOG_LEVEL_WARNING, "finews: %s: another file than "
			   "before: the -wal and -shm of the one it replaced "
			   "are removed", file);
		if (drop(file, "-wal") < 0 || drop(file, "-shm") < 0 ||
		    drop(file, "-journal") < 0)
			return -1;
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, want, (size_t)n, 0) != n)
		return owner_fail(file);
	return 0;
}

/* FILE + suffix is not there. */
static int absent(const char *file, const char *suffix)
{
	char name[4096];
	struct stat st;
	return beside(name, sizeof name, file, suffix) == 0 &&
	       stat(name, &st) < 0 && errno == ENOENT;
}

void store_owner_release(const char *file)
{
	int fd = store_owner_lock(file);
	if (fd < 0)
		return;
	if (absent(file, "-wal") && absent(file, "-shm"))
		drop(file, "-owner");
	store_owner_unlock(fd);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

const char *store_file_check(const char *path, char *why, size_t size)
{
	unsigned char h[100];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 || fstat(fd, &st) < 0 ? -1 : pread(fd, h, sizeof h, 0);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		snprintf(why, size, "cannot be read: %s", strerror(errno));
	else if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16))
		snprintf(why, size, "not an SQLite database");
	else {
		uint32_t page = (uint32_t)h[16] << 8 | h[17];
		uint64_t pages = be32(h + 28);
		if (page == 1)
			page = 65536;
		/* the page count is valid when written with the change counter */
		if (be32(h + 24) != be32(h + 92) || pages * page <= (uint64_t)st.st_size)
			return NULL;
		snprintf(why, size, "truncated: %llu bytes, its header counts %llu",
			 (unsigned long long)st.st_size,
			 (unsigned long long)(pages * page));
	}
	return why;
}

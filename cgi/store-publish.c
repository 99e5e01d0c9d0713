/*
 * store-publish.c - finews-import --publish DIR: a snapshot of the store
 * for read replicas, as DIR/finews.db.
 *
 * SQLite's online backup API copies the store page by page, in one read
 * transaction (a consistent state while the writer goes on), each page to
 * the same place in the copy: one new post changes a few dozen pages of
 * the snapshot, and rsync sends only those (VACUUM INTO would write every
 * table anew and move most pages).  The copy is put in rollback-journal
 * mode (no -wal or -shm to travel with it or be paired with the wrong
 * file), given its identity in the site table (keys "snapshot" and
 * "published_at", one small page), checked (PRAGMA quick_check), synced,
 * and renamed over DIR/finews.db; then DIR is synced.
 *
 * A store whose site key "modified" (moved forward by every run that
 * changed what readers see) and version are those of DIR/finews.db is
 * not published again: nothing is written.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define SNAPSHOT_NAME "finews.db"

/* What identifies a store's content for publishing. */
struct mark {
	char modified[32];
	int version;
};

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int say(const char *name, const char *what, sqlite3 *db)
{
	log_error("finews-import: %s: %s%s%s", name, what, db ? ": " : "",
		  db ? sqlite3_errmsg(db) : "");
	return -1;
}

/* One integer or text from sql into buf (empty when no row). */
static int one_value(sqlite3 *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	*buf = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int read_mark(sqlite3 *db, struct mark *m)
{
	char v[16];
	if (one_value(db, "PRAGMA user_version", v, sizeof v) < 0 ||
	    one_value(db, "SELECT value FROM site WHERE key = 'modified'",
		      m->modified, sizeof m->modified) < 0)
		return -1;
	m->version = atoi(v);
	return 0;
}

/* The mark of the snapshot at path; -1 when there is none to read. */
static int snapshot_mark(const char *path, struct mark *m)
{
	sqlite3 *db;
	if (access(path, F_OK) != 0)
		return -1;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = read_mark(db, m);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int exec(sqlite3 *db, const char *name, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 :
	       say(name, "writing the snapshot", db);
}

/* The snapshot's identity: when, and a name unique per publish (the
 * time and the store's "modified", which a publish never repeats). */
static int set_identity(sqlite3 *db, const char *name, const struct mark *m)
{
	char when[24], id[64];
	time_t t = time(NULL);
	snprintf(when, sizeof when, "%lld", (long long)t);
	snprintf(id, sizeof id, "%lld-%s", (long long)t, m->modified);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO site(key, value) "
			       "VALUES ('published_at', ?1), ('snapshot', ?2)",
			       -1, &st, NULL) != SQLITE_OK)
		return say(name, "writing the snapshot", db);
	sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : say(name, "writing the snapshot", db);
}

static int quick_check(sqlite3 *db, const char *name)
{
	char v[256];
	if (one_value(db, "PRAGMA quick_check", v, sizeof v) < 0)
		return say(name, "quick_check", db);
	if (strcmp(v, "ok")) {
		log_error("finews-import: %s: quick_check: %s", name, v);
		return -1;
	}
	return 0;
}

/* Copy src into the file tmp, made and checked; its page count in *pages. */
static int copy_into(sqlite3 *src, const char *tmp, const struct mark *m,
		     long *pages)
{
	sqlite3 *dst;
	int rc = -1;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		say(tmp, "cannot open", dst);
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		say(tmp, "backup", dst);
		goto out;
	}
	int step = sqlite3_backup_step(b, -1);
	*pages = sqlite3_backup_pagecount(b);
	if (sqlite3_backup_finish(b) != SQLITE_OK || step != SQLITE_DONE) {
		say(tmp, "backup", dst);
		goto out;
	}
	if (exec(dst, tmp, "PRAGMA journal_mode = DELETE") == 0 &&
	    exec(dst, tmp, "PRAGMA synchronous = FULL") == 0 &&
	    set_identity(dst, tmp, m) == 0 && quick_check(dst, tmp) == 0)
		rc = 0;
out:
	if (sqlite3_close(dst) != SQLITE_OK)
		rc = say(tmp, "closing", NULL);
	return rc;
}

static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0) {
		log_error("finews-import: %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd);
}

/* A new temporary file in dir, its name in buf: 0, or -1 (said). */
static int make_tmp(const char *dir, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/." SNAPSHOT_NAME ".tmp-XXXXXX", dir);
	if (n < 0 || (size_t)n >= size) {
		log_error("finews-import: %s: name too long", dir);
		return -1;
	}
	int fd = mkstemp(buf);
	if (fd < 0) {
		log_error("finews-import: %s: %s", dir, strerror(errno));
		return -1;
	}
	(void)fchmod(fd, 0644);   /* a replica's readers are other users */
	close(fd);
	return 0;
}

/* Copy, check, sync and rename into place; src in a read transaction. */
static int write_snapshot(sqlite3 *src, const char *dir, const char *dest,
			  const struct mark *m, double t0)
{
	char tmp[4096], journal[4200];
	long pages = 0;
	if (make_tmp(dir, tmp, sizeof tmp) < 0)
		return -1;
	int rc = copy_into(src, tmp, m, &pages);
	if (rc == 0)
		rc = sync_path(tmp, O_RDONLY);
	if (rc == 0 && rename(tmp, dest) < 0) {
		log_error("finews-import: %s: %s", dest, strerror(errno));
		rc = -1;
	}
	if (rc < 0) {
		unlink(tmp);
		snprintf(journal, sizeof journal, "%s-journal", tmp);
		unlink(journal);
		return -1;
	}
	if (sync_path(dir, O_RDONLY | O_DIRECTORY) < 0)
		return -1;
	struct stat st;
	double mb = stat(dest, &st) == 0 ? st.st_size / 1e6 : 0;
	log_info("finews-import: published %s (%ld pages, %.1f MB, %.2f s)",
		 dest, pages, mb, seconds() - t0);
	return 0;
}

int store_publish(struct store *s, const char *dir)
{
	double t0 = seconds();
	char dest[4096];
	struct mark have, had;
	int n = snprintf(dest, sizeof dest, "%s/" SNAPSHOT_NAME, dir);
	if (n < 0 || (size_t)n >= sizeof dest)
		return say(dir, "name too long", NULL);
	/* the mark and the pages copied from one state of the store */
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    read_mark(s->db, &have) < 0) {
		say(s->path, "reading the store", s->db);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	int rc = 0;
	if (snapshot_mark(dest, &had) == 0 && had.version == have.version &&
	    !strcmp(had.modified, have.modified))
		log_info("finews-import: %s is up to date", dest);
	else
		rc = write_snapshot(s->db, dir, dest, &have, t0);
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

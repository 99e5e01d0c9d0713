# test/lib-watch.sh - finews-import --watch in the background, for the
# tests t0120 to t0122; sourced after lib.sh.
#
#   watch_start DB FOLDER...  start it (environment as given), return once
#                             its first run is in and it watches; its pid
#                             in $WATCH_PID, its stderr in $WATCH_LOG
#                             (a new file each start)
#   watch_stop                SIGTERM; its exit status in $WATCH_EXIT
#   wait_until SECONDS CMD... run CMD every 20 ms until it succeeds; 1 if
#                             it never did in time
#   now_ms                    the time in milliseconds
#   runs                      how many runs it has ended (summary lines)
#   said_is PATTERN N         $WATCH_LOG has N lines matching PATTERN
#   said_more PATTERN N       more than N
#   post FILE TITLE           write a post of 2022-03-01 in category news
#   hold DB SECONDS           hold the store's lock (flock, as finews-import
#                             takes it) in the background, returning once
#                             it is held; $HOLDER is its pid
#   SAN                       1 when the programs have AddressSanitizer
#   q DB SQL                  lib.sh's, waiting up to 5 s for a writer: the
#                             watcher closes the store after each batch, and
#                             the last connection to close checkpoints under
#                             an exclusive lock ("database is locked")

WATCH_PID=
WATCH_LOG=
WATCH_EXIT=
_watch_n=0
SAN=0
nm "$IMPORT" 2>/dev/null | grep -q __asan_init && SAN=1

q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }

now_ms() { date +%s%3N; }

wait_until() {
	_until=$(($(now_ms) + $1 * 1000))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(now_ms)" -lt "$_until" ] || return 1
		sleep 0.02
	done
}

watch_start() {
	_watch_n=$((_watch_n + 1))
	WATCH_LOG=$T/watch$_watch_n.log
	_db=$1
	shift
	"$IMPORT" --db "$_db" --watch "$@" 2>"$WATCH_LOG" </dev/null &
	WATCH_PID=$!
	at_exit "kill $WATCH_PID"
	wait_until 60 _watching ||
		{ sed 's/^/# /' "$WATCH_LOG"; ok 1 "the watcher starts"; done_testing; }
}

# it says it watches, or it has ended
_watching() {
	grep -q '^finews-import: watching' "$WATCH_LOG" || ! kill -0 "$WATCH_PID"
}

watch_stop() {
	kill -TERM "$WATCH_PID"
	wait "$WATCH_PID"
	WATCH_EXIT=$?
}

runs() { grep -c ' added, .* failed, ' "$WATCH_LOG"; }
said_is() { [ "$(grep -c -- "$1" "$WATCH_LOG")" -eq "$2" ]; }
said_more() { [ "$(grep -c -- "$1" "$WATCH_LOG")" -gt "$2" ]; }

post() {
	printf -- '---\ntitle: "%s"\ndate: 2022-03-01 10:00:00 +0800\ncategories: news\n---\n%s的正文。\n' \
		"$2" "$2" >"$1"
}

hold() {
	rm -f "$T/held"
	/usr/bin/python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "rb")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))' "$1" "$T/held" "$2" &
	HOLDER=$!
	at_exit "kill $HOLDER"
	wait_until 10 test -e "$T/held" || { ok 1 "the lock is taken"; done_testing; }
}

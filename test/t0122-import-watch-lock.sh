#!/bin/sh
# finews-import --watch and other writers: it locks the store for each
# batch only, so an import started alongside takes its turn, and neither
# writes while the other holds the lock nor loses a post; a store that
# fails (another connection's exclusive transaction) is tried again with
# backoff until the posts are in; SIGTERM while it waits for the lock
# ends it at once, having written nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-watch.sh"

DB=$T/db
S=$T/site
P=$S/_posts
"$GEN" --start 2021-01-01 "$S" 10 || bail "gen-site failed"
"$GEN" --start 2022-01-01 "$T/other" 1500 || bail "gen-site failed"
"$GEN" --start 2023-01-01 "$T/burst" 300 || bail "gen-site failed"
count() { q "$DB" "SELECT count(*) FROM posts"; }
count_is() { [ "$(count)" = "$1" ]; }
in_store() { [ "$(q "$DB" "SELECT count(*) FROM posts WHERE slug = '$1'")" = "${2:-1}" ]; }

watch_start "$DB" "$S"
is "$(count)" 10 "at start: the site's 10 posts"

# The lock held by another import: the watcher waits, writing nothing.
hold "$DB" 2
post "$P/2022-03-01-waited.md" 等锁
wait_until 3 grep -q "another import is writing" "$WATCH_LOG"
ok "$?" "the watcher says it waits for the other import"
in_store waited 0
ok "$?" "and writes nothing meanwhile"
wait "$HOLDER"
wait_until 5 in_store waited
ok "$?" "once the lock is free, the post is in"

# A plain import of 1,500 posts and a burst of 300 for the watcher, both
# started while the lock is held: they take turns, nothing is lost.
hold "$DB" 2
cp "$T/burst/_posts/"* "$P/"
"$IMPORT" --db "$DB" "$T/other" 2>"$T/other.log" &
other=$!
wait "$HOLDER"
wait "$other"
is "$?" 0 "the plain import alongside: exit status 0"
like "$(cat "$T/other.log")" "another import is writing .*; waiting" "it waited its turn"
like "$(cat "$T/other.log")" "1500 added, 0 updated, 0 unchanged, 0 failed" "and imported its posts"
wait_until 10 count_is 1811
ok "$?" "every post of both is in ($(count) of 1811)"
unlike "$(cat "$WATCH_LOG" "$T/other.log")" "locked|busy|failed;" "no writer met the other's lock"
is "$(q "$DB" "PRAGMA integrity_check")" ok "the store is sound"

# The store fails: another connection holds an exclusive transaction
# past SQLite's 5 s wait, twice.  The batch is tried again after 1 s,
# then after 2 s, and goes in once the store is free.
rm -f "$T/fifo"
mkfifo "$T/fifo"
sqlite3 "$DB" <"$T/fifo" >"$T/sqlite.out" 2>&1 &
sq=$!
exec 4>"$T/fifo"
echo 'BEGIN EXCLUSIVE;' >&4
echo "SELECT 'began';" >&4
wait_until 5 grep -q began "$T/sqlite.out" || bail "no exclusive transaction"
post "$P/2022-03-01-busy.md" 忙
t0=$(now_ms)
wait_until 8 grep -q "trying again in 1 s" "$WATCH_LOG"
ok "$?" "the store failed: the watcher will try again in 1 s"
like "$(cat "$WATCH_LOG")" "database is locked" "and says why"
wait_until 8 grep -q "trying again in 2 s" "$WATCH_LOG"
ok "$?" "failed again: in 2 s"
in_store busy 0
ok "$?" "the post is not in yet"
echo 'COMMIT;' >&4
exec 4>&-
wait "$sq"
wait_until 5 in_store busy
ok "$?" "once the store is free again, the post is in"
echo "# the post was in $(($(now_ms) - t0)) ms after its file was closed, the store locked for the first 11 s"
is "$(q "$DB" "SELECT count(*) FROM files WHERE path LIKE '%-busy.md'")" 1 "once"
is "$(grep -c 'trying again' "$WATCH_LOG")" 2 "two lines for two failures"

# SIGTERM while waiting for the lock: it ends at once, writing nothing;
# the next run imports what it had not.
waits=$(grep -c 'another import is writing' "$WATCH_LOG")
hold "$DB" 30
post "$P/2022-03-01-stopped.md" 停止
wait_until 3 said_more 'another import is writing' "$waits"
ok "$?" "the watcher waits for the lock again"
t0=$(now_ms)
watch_stop
is "$WATCH_EXIT" 0 "SIGTERM while waiting: exit status 0"
ms=$(($(now_ms) - t0))
ok "$([ "$ms" -lt 2000 ]; echo $?)" "at once, not when the lock is free ($ms ms)"
like "$(cat "$WATCH_LOG")" "stopped while waiting; the store is unchanged" "it says so"
kill "$HOLDER"
wait "$HOLDER" 2>/dev/null
in_store stopped 0
ok "$?" "it wrote nothing"
"$IMPORT" --db "$DB" "$S" 2>"$T/rerun"
like "$(cat "$T/rerun")" " 1 added, 0 updated, .* 0 failed" "the next run imports the post it had not"
is "$(q "$DB" "PRAGMA integrity_check")" ok "the store is sound"
unlike "$(cat "$T"/watch*.log "$T/other.log")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

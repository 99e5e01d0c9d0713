#!/bin/sh
# finews-import --watch under a burst: 1,000 files at once are imported
# in one transaction (a few at most), not a thousand; SIGTERM during a
# batch lets it commit, exits 0 and loses nothing; an overflowed event
# queue, and the periodic full run (FINEWS_RESCAN_SECONDS), import a file
# no event announced.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-watch.sh"

DB=$T/db
S=$T/site
P=$S/_posts
"$GEN" --start 2021-01-01 "$S" 50 || bail "gen-site failed"
"$GEN" --start 2022-01-01 "$T/burst" 1000 || bail "gen-site failed"
"$GEN" --start 2023-01-01 "$T/burst2" 2000 || bail "gen-site failed"
count() { q "$DB" "SELECT count(*) FROM posts"; }
# slugs_are PATTERN N: N posts have a slug LIKE PATTERN
slugs_are() { [ "$(q "$DB" "SELECT count(*) FROM posts WHERE slug LIKE '$1'")" = "$2" ]; }
count_is() { [ "$(count)" = "$1" ]; }

watch_start "$DB" "$S"
is "$(count)" 50 "at start: the site's 50 posts"
serve "$DB"

# 1,000 files written at once: one transaction once the events calm
# down, another each 2 s while they do not (the copy's own time).
before=$(runs)
t0=$(now_ms)
cp "$T/burst/_posts/"* "$P/"
t1=$(now_ms)
wait_until 30 count_is 1050
ok "$?" "a burst of 1,000 files: all imported"
ms=$(($(now_ms) - t1))
# The posts are readable at the commit; the run's count line follows it.
ran_since() { [ "$(runs)" -gt "$1" ]; }
wait_until 10 ran_since "$before"
n=$(($(runs) - before))
echo "# burst of 1,000 files written in $((t1 - t0)) ms: $n transaction(s), all readable $ms ms after the last file was closed"
most=$(((t1 - t0) / 2000 + 2))
ok "$([ "$n" -ge 1 ] && [ "$n" -le "$most" ]; echo $?)" "in one transaction, or a few ($n, at most $most)"
newest=$(q "$DB" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY published DESC, id DESC LIMIT 1")
is "$(status_of "$newest")" 200 "the burst's newest post answers 200 through nginx"
is "$(q "$DB" "SELECT count(*) FROM files")" 1050 "every file recorded once"

# The event queue overflows while the watcher waits for the lock (it
# reads no event meanwhile): a file written then has no event, and is
# imported by the full run the overflow calls for.  Two files closed in
# turn make one event each (the kernel merges only repeats).
max=$(cat /proc/sys/fs/inotify/max_queued_events)
hold "$DB" 30
post "$P/2022-03-01-before-overflow.md" 溢出之前
wait_until 3 grep -q "another import is writing" "$WATCH_LOG"
ok "$?" "the watcher waits for the lock"
/usr/bin/python3 -c 'import sys
for i in range(int(sys.argv[3]) // 2 + 100):
    open(sys.argv[1], "a").close()
    open(sys.argv[2], "a").close()' "$P/a.txt" "$P/b.txt" "$max"
post "$P/2022-03-01-after-overflow.md" 溢出之后
kill "$HOLDER"
wait "$HOLDER" 2>/dev/null
wait_until 5 slugs_are %-overflow 2
ok "$?" "$((max / 2 + 100)) times two events past a queue of $max: the posts are in"
like "$(cat "$WATCH_LOG")" "the event queue overflowed\); reading every folder again" "the overflow said"
rm "$P/a.txt" "$P/b.txt"

# SIGTERM while a batch is being written: it commits, then the watcher
# ends.  The reader thread lives only while a run imports files.
cp "$T/burst2/_posts/"* "$P/" &
cp=$!
in_flight() { [ "$(ls "/proc/$WATCH_PID/task" | wc -l)" -gt 1 ]; }
wait_until 20 in_flight
ok "$?" "a batch is being written"
watch_stop
wait "$cp"
is "$WATCH_EXIT" 0 "SIGTERM during the batch: exit status 0"
is "$(q "$DB" "PRAGMA integrity_check")" ok "the store is sound"
n=$(count)
ok "$([ "$n" -gt 1052 ]; echo $?)" "the batch in flight was committed ($((n - 1052)) posts)"
like "$(tail -n 1 "$WATCH_LOG")" "SIGTERM: stopping" "it says it stops"
like "$(tail -n 2 "$WATCH_LOG" | head -n 1)" " added, .* failed, " "once the batch's run had ended"
"$IMPORT" --db "$DB" "$S" 2>"$T/rerun"
is "$?" 0 "a plain run after it"
like "$(cat "$T/rerun")" " $((3052 - n)) added, 0 updated, $n unchanged, 0 failed" \
	"imports the rest, nothing twice"
is "$(count)" 3052 "no post lost"
is "$(q "$DB" "SELECT count(*) FROM files")" 3052 "none twice"

# A file no event announces (a hard link only makes IN_CREATE) is found
# by the next full run.
FINEWS_RESCAN_SECONDS=3 watch_start "$DB" "$S"
post "$T/linked.md" 硬链接
before=$(runs)
wait_until 10 said_more ' added, .* failed, ' "$before"
ln "$T/linked.md" "$P/2022-03-01-linked.md"
sleep 1
slugs_are linked 0
ok "$?" "a hard link made: no event imports it"
wait_until 8 slugs_are linked 1
ok "$?" "the periodic full run does"
watch_stop
is "$WATCH_EXIT" 0 "SIGTERM: exit status 0"
unlike "$(cat "$T"/watch*.log)" "Sanitizer|runtime error" "no sanitizer report"
done_testing

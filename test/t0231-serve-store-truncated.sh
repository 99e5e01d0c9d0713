#!/bin/sh
# The store file cut short under the workers (truncated, or overwritten
# in place with cp): a 503 at worst, never a worker killed (a SIGBUS when
# the file was memory-mapped), and every page as before once the file is
# whole again, none left from what a worker read while it was not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 2000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db" --workers 2
# Posts imported while serving: the WAL holds them, and the workers take
# the store's size from the WAL index, not from the file.
i=2000
while [ "$i" -lt 2005 ]; do "$GEN" --one "$T/site" "$i"; i=$((i + 1)); done
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
cp "$T/db" "$T/whole.db"

# the newest posts (the end of the file) and a spread of the others
q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
	FROM posts WHERE id % 40 = 0 OR id > (SELECT max(id) - 20 FROM posts)" > "$T/paths"
printf '%s\n' / /emnews/ /emnews/?page=30 /feed.xml /tags/ /sitemap.xml >> "$T/paths"
# bodies: every path's body, one checksum a line
bodies() {
	while read -r p; do curl -s -g "$BASE$p" | md5sum; done < "$T/paths"
}
# sweep: GET every path; print each status once with its count
sweep() {
	while read -r p; do status_of "$p"; echo; done < "$T/paths" | sort | uniq -c |
		awk '{ printf "%s%s:%s", sep, $2, $1; sep = " " }'
}
get /
cp "$T/body" "$T/home.before"
is "$(sweep | sed 's/:[0-9]*//')" 200 "every page answers 200"

truncate -s $(($(wc -c < "$T/db") / 3)) "$T/db"
statuses=$(sweep)
echo "# the file cut to a third: $statuses"
unlike "$statuses" "502|504|000" "cut to a third: no answer lost (200 or 503 only: $statuses)"
like "$statuses" "503" "and the pages it lost are 503"
unlike "$(cat "$FCGI_LOG")" "killed by signal" "no worker killed"

cp "$T/whole.db" "$T/db"   # in place: the same file, whole again
is "$(sweep | sed 's/:[0-9]*//')" 200 "whole again: every page answers 200"
get /
is "$(cmp "$T/body" "$T/home.before" && echo same)" same "the same home page as before"

# cp over it in place again and again while pages are read.  cp empties
# the file first, and SQLite takes a WAL beside an empty file for a stale
# one and deletes it: the WAL is emptied first (a checkpoint while nothing
# else has the store open), so that it holds nothing to lose.
stop_server
q "$T/db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$T/db" "$T/whole.db"
serve "$T/db" --workers 2
bodies > "$T/bodies.before"
touch "$T/rewriting"
(while [ -e "$T/rewriting" ]; do cp "$T/whole.db" "$T/db"; done) &
cp_pid=$!
statuses="$(sweep) $(sweep)"
rm "$T/rewriting"
wait "$cp_pid"
echo "# while cp rewrote the file: $statuses"
unlike "$statuses" "502|504|000" "rewritten in place while read: 200 or 503 only"
is "$(sweep | sed 's/:[0-9]*//')" 200 "and then every page answers 200"
bodies > "$T/bodies.after"
is "$(cmp "$T/bodies.before" "$T/bodies.after" && echo same)" same "each the same as before"
unlike "$(cat "$FCGI_LOG")" "killed by signal|Sanitizer|runtime error" "no worker killed, no sanitizer report"
done_testing

#!/bin/sh
# conf/finews-replica-sync from a local snapshot: the first copy, a
# delta, nothing to do; a truncated and a corrupt snapshot refused, the
# served store untouched and still served; and finews.fcgi itself
# refusing a truncated file renamed over its store, said in /_status.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

SYNC="sh $TOP/conf/finews-replica-sync"
command -v rsync >/dev/null || skip_all "no rsync (make deps installs it)"
"$GEN" "$T/site" 400
"$IMPORT" --db "$T/w.db" "$T/site" --publish "$T/" 2>/dev/null
mkdir "$T/r"
dest=$T/r/finews.db
url() { q "$1" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1"; }

$SYNC >/dev/null 2>&1
is "$?" 2 "no arguments: exit 2"
$SYNC "$T/finews.db" "$dest" 2>"$T/err"
is "$?" 0 "first copy: exit 0"
is "$(cmp "$T/finews.db" "$dest" && echo same)" same "first copy: the snapshot"
ok "$([ -f "$dest.sync" ]; echo $?)" "the staging copy is kept beside it"
serve "$dest" --workers 2
first=$(url "$dest")
is "$(status_of "$first")" 200 "the replica serves it"

ino=$(stat -c %i "$dest")
$SYNC "$T/finews.db" "$dest" 2>"$T/err"
is "$?" 0 "unchanged: exit 0"
is "$(stat -c %i "$dest")" "$ino" "unchanged: the served file is left alone"

"$GEN" --one "$T/site" 400
"$IMPORT" --db "$T/w.db" "$T/site" --publish "$T/" 2>/dev/null
$SYNC "$T/finews.db" "$dest" 2>"$T/err"
is "$?" 0 "a new snapshot: exit 0"
like "$(cat "$T/err")" "now snapshot [0-9]+-[0-9]+" "a new snapshot: said"
is "$(cmp "$T/finews.db" "$dest" && echo same)" same "a new snapshot: in place"
ok "$([ "$(stat -c %i "$dest")" != "$ino" ]; echo $?)" "renamed into place, not written over"
second=$(url "$dest")
is "$(status_of "$second")" 200 "the replica serves the new post"
good=$(md5sum < "$dest")

# a truncated snapshot, and one with a page overwritten
head -c $(($(wc -c < "$T/finews.db") / 2)) "$T/finews.db" > "$T/cut.db"
$SYNC "$T/cut.db" "$dest" 2>"$T/err"
is "$?" 1 "a truncated snapshot: exit 1"
like "$(cat "$T/err")" "refused: .*left as it was" "a truncated snapshot: refused, with why"
is "$(md5sum < "$dest")" "$good" "a truncated snapshot: the served store untouched"
is "$(status_of "$second")" 200 "a truncated snapshot: still served"
cp "$T/finews.db" "$T/bad.db"
# pages 2 to 5: b-tree pages (overflow pages quick_check would not read)
page=$(q "$T/bad.db" "PRAGMA page_size")
head -c $((4 * page)) /dev/zero | tr '\0' 'x' |
	dd of="$T/bad.db" bs="$page" seek=1 conv=notrunc 2>/dev/null
$SYNC "$T/bad.db" "$dest" 2>"$T/err"
is "$?" 1 "a corrupt snapshot: exit 1"
like "$(cat "$T/err")" "refused: " "a corrupt snapshot: refused ($(head -c 120 "$T/err"))"
is "$(md5sum < "$dest")" "$good" "a corrupt snapshot: the served store untouched"
$SYNC "$T/finews.db" "$dest" 2>"$T/err"
is "$?" 0 "the good snapshot again: exit 0"

# a truncated file renamed over the store served, past the script:
# finews.fcgi keeps the store it has open, and says so
snapshot=$(q "$dest" "SELECT value FROM site WHERE key = 'snapshot'")
cp "$T/cut.db" "$T/r/cut.db" && mv "$T/r/cut.db" "$dest"
n=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ "$(status_of "$second")" = 200 ] && n=$((n + 1))
	[ "$(status_of /)" = 200 ] && n=$((n + 1))
done
is "$n" 20 "a truncated store moved in: every page still 200"
get /_status; cp "$T/body" "$T/status.txt"
like "$(body)" "store_refused: [^ ]+ truncated" "/_status: the refusal"
like "$(body)" "snapshot: $snapshot" "/_status: the snapshot still served"
like "$(cat "$FCGI_LOG")" "new file is refused.*truncated" "logged"
get "/_status?format=json"
like "$(body)" '"store_refused": "truncated' "/_status as JSON: the refusal"
like "$(body)" '"snapshot_age_seconds": [0-9]+' "/_status as JSON: the snapshot's age"
# and a good one after it is taken
cp "$T/finews.db" "$T/r/good.db" && mv "$T/r/good.db" "$dest"
is "$(status_of "$second")" 200 "a good store after it: served"
done_testing

#!/bin/sh
# finews-import --publish DIR: a snapshot in rollback-journal mode that
# serves the same pages as the writer's store; nothing written while the
# store is unchanged; a changed store gives a new snapshot, renamed over
# the old one, which a finews.fcgi serving DIR/finews.db picks up with
# every answer a 2xx; no temporary file left behind, also on a failure.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 600
"$IMPORT" --db "$T/w.db" "$T/site" 2>/dev/null
mkdir "$T/pub"
snap=$T/pub/finews.db
leftovers() { find "$T/pub" -name '.finews.db.tmp-*' | wc -l; }

"$IMPORT" --db "$T/w.db" --publish "$T/pub" 2>"$T/err"
is "$?" 0 "publish: exit 0"
like "$(cat "$T/err")" "published .*/pub/finews.db \([0-9]+ pages, [0-9.]+ MB, [0-9.]+ s\)" "publish: one line"
is "$(q "$snap" "PRAGMA journal_mode")" delete "the snapshot is in rollback-journal mode"
is "$(q "$snap" "PRAGMA quick_check")" ok "its quick_check: ok"
ok "$([ ! -e "$snap-wal" ]; echo $?)" "no -wal beside it"
first=$(q "$snap" "SELECT value FROM site WHERE key = 'snapshot'")
like "$first" "^[0-9]+-[0-9]+$" "it names itself (site key snapshot)"
like "$(q "$snap" "SELECT value FROM site WHERE key = 'published_at'")" "^[0-9]+$" "and says when (published_at)"
is "$(q "$T/w.db" "SELECT count(*) FROM site WHERE key IN ('snapshot', 'published_at')")" 0 \
	"the writer's store is not written"
is "$(q "$snap" "SELECT count(*) FROM posts")" 600 "every post in it"
is "$(ls "$T" | grep -c '^w\.db-')" 0 "nothing left beside the writer's store (-wal, -shm, -owner)"

# the same pages from the writer's store and from the snapshot
q "$T/w.db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
	FROM posts WHERE id % 50 = 0" > "$T/paths"
printf '%s\n' / /emnews/ /emnews/?page=3 /feed.xml /tags/ /sitemap.xml >> "$T/paths"
bodies() { while read -r p; do curl -s -g "$BASE$p" | md5sum; done < "$T/paths"; }
serve "$T/w.db" --workers 2
bodies > "$T/writer.bodies"
stop_server
serve "$snap" --workers 2
bodies > "$T/snap.bodies"
is "$(cmp "$T/writer.bodies" "$T/snap.bodies" && echo same)" same \
	"$(wc -l < "$T/paths") pages: the same bodies from the snapshot"

# unchanged: nothing written
ino=$(stat -c %i "$snap")
"$IMPORT" --db "$T/w.db" "$T/site" 2>/dev/null
"$IMPORT" --db "$T/w.db" --publish "$T/pub" 2>"$T/err"
is "$?" 0 "unchanged: exit 0"
like "$(cat "$T/err")" "pub/finews.db is up to date" "unchanged: up to date"
is "$(stat -c %i "$snap")" "$ino" "unchanged: the same file"

# changed, published under load: the new post served, no answer lost
"$GEN" --one "$T/site" 600
command -v wrk >/dev/null && {
	wrk -t1 -c4 -d4s "$BASE/" > "$T/wrk" 2>&1 &
	wrk_pid=$!
}
sleep 1
"$IMPORT" --db "$T/w.db" "$T/site" --publish "$T/pub" 2>"$T/err"
is "$?" 0 "changed: exit 0"
like "$(tr "\n" " " < "$T/err")" "1 added.*published .*pub/finews.db" "changed: imported, then published"
isnt_ino=$(stat -c %i "$snap")
ok "$([ "$isnt_ino" != "$ino" ]; echo $?)" "changed: a new file renamed into place"
ok "$([ "$(q "$snap" "SELECT value FROM site WHERE key = 'snapshot'")" != "$first" ]; echo $?)" \
	"changed: a new snapshot name"
path=$(q "$snap" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1")
is "$(status_of "$path")" 200 "the reader serves the new post"
if [ -n "${wrk_pid:-}" ]; then
	wait "$wrk_pid"
	bad=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
		END { print n + 0 }' "$T/wrk")
	is "$bad" 0 "under load during the swap: no non-2xx answer, no socket error ($(awk '/requests in/ { print $1 }' "$T/wrk") requests)"
fi
get /_status
like "$(body)" "snapshot: [0-9]+-[0-9]+" "/_status: the snapshot served"
like "$(body)" "snapshot_age_seconds: [0-9]+" "/_status: its age"
is "$(leftovers)" 0 "no temporary file left"

# failures: no folder; a rename that fails (a folder in the way)
"$IMPORT" --db "$T/w.db" --publish "$T/nowhere" 2>"$T/err"
is "$?" 2 "no folder: exit 2"
like "$(cat "$T/err")" "nowhere: no folder to publish into: No such file" "no folder: said"
mkdir -p "$T/bad/finews.db"
"$IMPORT" --db "$T/w.db" --publish "$T/bad" 2>"$T/err"
is "$?" 2 "cannot rename: exit 2"
is "$(find "$T/bad" -name '.finews.db.tmp-*' | wc -l)" 0 "cannot rename: no temporary file left"
done_testing

#!/bin/sh
# A store moved over the served one (mv new.db finews.db) after imports
# while serving: the old store's -wal and -shm stay beside the file, and
# SQLite would read the new file through them.  Under load, every answer
# stays 2xx, the new store's content is served at once, and an import
# into it afterwards keeps it sound (no old page is ever written into it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v wrk >/dev/null || skip_all "no wrk (make deps installs it)"
"$GEN" "$T/site" 3000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
# The other store: another site, with its own title.
"$GEN" --seed 5 --start 2023-06-01 "$T/other" 400
sed -i 's/^title: .*/title: 换过的库/' "$T/other/_config.yml"
"$IMPORT" --db "$T/new.db" "$T/other" 2>/dev/null
rm -f "$T/new.db-wal" "$T/new.db-shm"
new_posts=$(q "$T/new.db" "SELECT count(*) FROM posts")
old_art=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id LIMIT 1")
new_art=$(q "$T/new.db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1")

serve "$T/db" --workers 2
# pages both stores have
cat > "$T/paths.lua" <<'LUA'
local paths = { "/", "/emnews/", "/emnews/?page=3", "/feed.xml", "/tags/",
  "/sitemap.xml", "/search?q=%E6%B1%BD%E8%BD%A6" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
load() { wrk -t1 -c"$2" -d"$1"s --timeout 30s -s "$T/paths.lua" "$BASE" > "$T/wrk" 2>&1; }
requests() { awk '/requests in/ { print $1 }' "$T/wrk"; }
bad() { # non-2xx answers plus socket errors
	awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
	END { print n + 0 }' "$T/wrk"
}
is "$(status_of "$old_art")" 200 "the old store is served"

# 50 posts imported while serving: the old store's WAL now holds them
# (the workers, read-only, never checkpoint).
i=3000
while [ "$i" -lt 3050 ]; do "$GEN" --one "$T/site" "$i"; i=$((i + 1)); done
load 6 8 &
wrk_pid=$!
sleep 1
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err"
like "$(cat "$T/import.err")" "50 added" "50 posts imported while serving"
[ -s "$T/db-wal" ]
ok $? "the old store's WAL is not empty"
sleep 1
mv "$T/new.db" "$T/db"
wait "$wrk_pid"
echo "# the swap under load: $(bad) of $(requests) answers not 2xx"
ok $([ "$(requests)" -gt 0 ] && echo 0 || echo 1) "requests answered during the swap ($(requests))"
is "$(bad)" 0 "no non-2xx answer and no socket error across the swap"

get /
like "$(body)" "换过的库" "the new store's title"
is "$(status_of "$new_art")" 200 "the new store's article"
is "$(status_of "$old_art")" 404 "the old store's article is gone"
get /sitemap.xml
is "$STATUS" 200 "the new store's sitemap"

# An import into the new store (a read-write open and close) while
# serving: it must not take the old WAL for its own.
"$GEN" --seed 5 --start 2023-06-01 --one "$T/other" 400
"$IMPORT" --db "$T/db" "$T/other" 2>"$T/import2.err"
like "$(cat "$T/import2.err")" "1 added" "an import into the new store"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "the store passes integrity_check"
is "$(q "$T/db" "SELECT count(*) FROM posts")" $((new_posts + 1)) "and holds its own posts and the new one only"
newest=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1")
is "$(status_of "$newest")" 200 "the post imported after the swap is served"
is "$(status_of "$old_art")" 404 "the old store's article still gone"

# Swapped again, under load, while an import into the served store runs
# and leaves its WAL behind.
"$GEN" --seed 9 --start 2024-03-01 "$T/third" 300
sed -i 's/^title: .*/title: 第三个库/' "$T/third/_config.yml"
"$IMPORT" --db "$T/third.db" "$T/third" 2>/dev/null
rm -f "$T/third.db-wal" "$T/third.db-shm"
load 4 8 &
wrk_pid=$!
"$GEN" --seed 5 --start 2023-06-01 --one "$T/other" 401
"$IMPORT" --db "$T/db" "$T/other" 2>/dev/null
mv "$T/third.db" "$T/db"
wait "$wrk_pid"
is "$(bad)" 0 "no non-2xx answer across the second swap ($(requests) requests)"
get /
like "$(body)" "第三个库" "a third store, swapped in under load: served"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "which passes integrity_check"

# Swapped while an import into the served file runs: its work goes to the
# store it opened, now replaced; the new one is served whole.
"$GEN" --seed 11 --start 2025-01-01 "$T/fourth" 300
sed -i 's/^title: .*/title: 第四个库/' "$T/fourth/_config.yml"
"$IMPORT" --db "$T/fourth.db" "$T/fourth" 2>/dev/null
rm -f "$T/fourth.db-wal" "$T/fourth.db-shm"
fourth_posts=$(q "$T/fourth.db" "SELECT count(*) FROM posts")
"$GEN" --seed 12 --start 2025-06-01 "$T/more" 1500
load 4 8 &
wrk_pid=$!
"$IMPORT" --db "$T/db" "$T/more" 2>"$T/import3.err" &
imp=$!
sleep 0.3
mv "$T/fourth.db" "$T/db"
wait "$imp"
wait "$wrk_pid"
is "$(bad)" 0 "swapped during an import into it: no non-2xx answer ($(requests) requests)"
get /
like "$(body)" "第四个库" "the store moved in is served"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "it passes integrity_check"
is "$(q "$T/db" "SELECT count(*) FROM posts")" "$fourth_posts" "and holds its own posts only"

unlike "$(cat "$FCGI_LOG")" "malformed|killed by signal|Sanitizer|runtime error" "no malformed store, no crash, no sanitizer report"
done_testing

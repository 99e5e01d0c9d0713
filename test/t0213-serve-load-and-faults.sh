#!/bin/sh
# Load and faults, all on loopback, bounded: 200 connections with wrk
# across every page kind; a worker killed, an import committed, an import
# killed half-way and SIGTERM, each during such a load.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v wrk >/dev/null || skip_all "no wrk (make deps installs it)"
"$GEN" "$T/site" 3000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db" --workers 2
master=$_fcgi_pid

art=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1")
code=$(q "$T/db" "SELECT info_code FROM posts WHERE info_code IS NOT NULL ORDER BY id DESC LIMIT 1")
cat > "$T/paths.lua" <<LUA
local paths = { "/", "/emnews/", "/emnews/?page=40", "$art",
  "/html_News/NewsShare.html?infoCode=$code",
  "/tags/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/",
  "/search?q=%E6%B1%BD%E8%BD%A6", "/feed.xml" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
for p in / /emnews/ "/emnews/?page=40" "$art" "/html_News/NewsShare.html?infoCode=$code" /feed.xml; do
	[ "$(status_of "$p")" = 200 ] || ok 1 "warm-up: $p answers 200"
done

# load SECONDS CONNECTIONS: run wrk, leave its report in $T/wrk
load() { wrk -t2 -c"$2" -d"$1"s --timeout 30s -s "$T/paths.lua" "$BASE" > "$T/wrk" 2>&1; }
requests() { awk '/requests in/ { print $1 }' "$T/wrk"; }
bad() { # non-2xx answers plus socket errors
	awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
	END { print n + 0 }' "$T/wrk"
}

load 20 200
echo "# 200 connections, 20 s: $(requests) requests, $(grep Requests/sec "$T/wrk")"
ok $([ "$(requests)" -gt 0 ] && echo 0 || echo 1) "200 connections for 20 s: requests answered ($(requests))"
is "$(bad)" 0 "no socket errors and no non-2xx"

# A worker killed during a load: under 0.1% of requests fail.
load 10 50 &
wrk_pid=$!
sleep 3
victim=$(pgrep -P "$master" | head -1)
kill -9 "$victim"
wait "$wrk_pid"
n=$(requests) b=$(bad)
echo "# a worker killed: $b of $n requests failed"
ok $([ "$n" -gt 0 ] && [ $((b * 1000)) -lt "$n" ] && echo 0 || echo 1) "a worker killed under load: under 0.1% fail ($b of $n)"
is "$(pgrep -P "$master" | wc -l | tr -d ' ')" 2 "and it was replaced"

# An import of 1,000 posts committed during a load.
"$GEN" --start 2023-01-01 --seed 7 "$T/more" 1000
load 10 50 &
wrk_pid=$!
sleep 2
"$IMPORT" --db "$T/db" "$T/more" 2>"$T/import.err"
wait "$wrk_pid"
like "$(cat "$T/import.err")" "1000 added" "1,000 posts imported under load"
is "$(bad)" 0 "no reader error and no non-2xx ($(requests) requests)"
new=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html' FROM posts ORDER BY id DESC LIMIT 1")
is "$(status_of "$new")" 200 "a new post is served once it committed"

# An import killed half-way during a load: the store stays sound and the
# previous content is served.
before=$(q "$T/db" "SELECT count(*) FROM posts")
"$GEN" --start 2024-01-01 --seed 9 "$T/big" 20000
load 8 50 &
wrk_pid=$!
"$IMPORT" --db "$T/db" "$T/big" 2>/dev/null &
imp=$!
sleep 2
kill -9 "$imp"
wait "$imp" 2>/dev/null
wait "$wrk_pid"
is "$(bad)" 0 "an import killed under load: no non-2xx ($(requests) requests)"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "the store passes integrity_check"
is "$(q "$T/db" "SELECT count(*) FROM posts")" "$before" "and holds what it held"
is "$(status_of "$new")" 200 "which is still served"

# SIGTERM during a load: the master finishes and exits 0.
load 6 50 &
wrk_pid=$!
sleep 2
kill -TERM "$master"
wait "$master"
is "$?" 0 "SIGTERM under load: the master exits 0"
_fcgi_pid=
wait "$wrk_pid"
is "$(pgrep -P "$master" | wc -l | tr -d ' ')" 0 "its workers are gone"
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

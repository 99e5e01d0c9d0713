#!/bin/sh
# /_status through nginx from conf/: the posts, the newest, the last
# import and its result, the store's version and file, the workers and
# their restarts, reloads and requests, as text and as JSON; never
# cached; answered to 127.0.0.1 and ::1, a 404 to any other address.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.log"
summary=$(sed -n 's/^finews-import: \(.* failed\), .*/\1/p' "$T/import.log")

# nginx also listens on [::1] and on an address of this machine that is
# not loopback, when it has one (requests to it come from it).
other=$(ip -o -4 addr show scope global 2>/dev/null | awk '{ sub("/.*", "", $4); print $4; exit }')
also_listen() {
	sed -i "s|^\([[:space:]]*\)listen 127.0.0.1:\([0-9]*\);|&\n\1listen [::1]:\2;${other:+\n\1listen $other:\2;}|" \
		"$1/finews-server.conf"
}
NGINX_EDIT=also_listen serve "$T/db" --workers 2
master=$_fcgi_pid

# field NAME: its value in the last text status ($T/body)
field() { sed -n "s/^$1: //p" "$T/body"; }
get /_status
is "$STATUS" 200 "/_status: 200"
like "$(header Content-Type)" "^text/plain; charset=utf-8" "plain text"
is "$(header Cache-Control)" "no-store" "Cache-Control: no-store"
is "$(field posts)" "$(q "$T/db" "SELECT count(*) FROM posts")" "posts: as many as the store has"
is "$(field newest_post_title)" "$(q "$T/db" "SELECT title FROM posts ORDER BY published DESC, id DESC LIMIT 1")" \
	"newest_post_title: the newest post's"
newest_url=$(field newest_post_url)
is "$(curl -s -o /dev/null -w '%{http_code}' "$BASE${newest_url#https://finews.example.org}")" 200 \
	"newest_post_url: its page ($newest_url)"
like "$(field newest_post_time)" "^2022-01-12T07:40:03\+08:00$" "newest_post_time: its date"
finished=$(q "$T/db" "SELECT value FROM site WHERE key = 'import_finished'")
is "$(field last_import_time)" "$(date -u -d "@$finished" +%Y-%m-%dT%H:%M:%S+00:00)" \
	"last_import_time: the import's end, in UTC"
is "$(field last_import_result)" "$summary" "last_import_result: its summary ($summary)"
is "$(field store_version)" "$(sed -n 's/^#define STORE_VERSION \([0-9]*\).*/\1/p' "$TOP/cgi/store.h")" \
	"store_version"
is "$(field store_path)" "$T/db" "store_path"
is "$(field workers)" 2 "workers: 2"
is "$(field worker_restarts)" 0 "worker_restarts: 0"
is "$(field reloads)" 0 "reloads: 0"
is "$(field worker | sed 's/^pid \([0-9]*\),.*/\1/' | sort)" "$(pgrep -P "$master" | sort)" \
	"worker: one line for each, with its pid"

# Requests: every one the workers took, this one included.
get /_status
r1=$(field requests)
for p in / /emnews/ /feed.xml /tags/ /nowhere; do status_of "$p" >/dev/null; done
get /_status
is "$(field requests)" $((r1 + 6)) "requests: 5 pages and this status later, 6 more"

# JSON: the same, parsed.
get "/_status?format=json"
is "$STATUS" 200 "?format=json: 200"
is "$(header Content-Type)" "application/json" "application/json"
json() { /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
v = d
for k in sys.argv[2].split("."):
    v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$T/body" "$1"; }
ok $(/usr/bin/python3 -m json.tool "$T/body" >/dev/null; echo $?) "it parses as JSON"
is "$(json posts)" "$(q "$T/db" "SELECT count(*) FROM posts")" "posts"
is "$(json last_import_result)" "$summary" "last_import_result"
is "$(json requests)" $((r1 + 7)) "requests"
is "$(json worker.0.pid)$(json worker.1.pid)" "$(pgrep -P "$master" | sort | tr -d '\n')" \
	"worker: an array of two"
is "$(status_of '/_status?format=xml')" 400 "another format: 400"

# A title with a quote, a backslash, a newline and a control character:
# JSON still parses, text keeps one line per value.
mkdir -p "$T/more"
printf -- '---\ntitle: "新 \\"引\\" \\\\ 行\\n二 \\x01 <b>"\ndate: 2023-01-02 10:00:00\ncategories: emnews\n---\n正文\n' \
	> "$T/more/2023-01-02-odd.md"
"$IMPORT" --db "$T/db" "$T/more" 2>/dev/null
get "/_status?format=json"
ok $(/usr/bin/python3 -m json.tool "$T/body" >/dev/null; echo $?) "an odd title: still JSON"
is "$(json newest_post_title)" "$(printf '新 "引" \\ 行\n二 \001 <b>')" "with the title as it is"
is "$(json last_import_result)" "1 added, 0 updated, 0 unchanged, 0 failed" "the second import's result"
get /_status
is "$(field newest_post_title)" "$(printf '新 "引" \\ 行 二   <b>')" "text: the title on one line"
is "$(grep -c . "$T/body")" "$(grep -c ': ' "$T/body")" "text: every line a key and a value"

# A worker killed, a reload: counted; the requests of workers gone
# still count.
r2=$(field requests)
kill -9 "$(pgrep -P "$master" | head -1)"
sleep 0.5
kill -HUP "$master"
sleep 1
get /_status
is "$(field worker_restarts)" 1 "a worker killed: worker_restarts 1"
is "$(field reloads)" 1 "SIGHUP: reloads 1"
like "$(field last_reload_time)" "^20[0-9-]+T" "last_reload_time"
is "$(field worker | sed 's/^pid \([0-9]*\),.*/\1/' | sort)" "$(pgrep -P "$master" | sort)" \
	"the workers now"
is "$(field requests)" $((r2 + 1)) "requests: those of the workers gone too"

# A store no import of this version recorded: no last import.
q "$T/db" "DELETE FROM site WHERE key IN ('import_finished', 'import_result')"
get /_status
is "$(field last_import_time)$(field last_import_result)" "" "no import recorded: no last_import lines"
get "/_status?format=json"
ok $(/usr/bin/python3 -m json.tool "$T/body" >/dev/null; echo $?) "and JSON still parses"

# Who may read it: loopback, 127.0.0.1 and ::1.
is "$(curl -s -g -o /dev/null -w '%{http_code}' "http://[::1]:$NGINX_PORT/_status")" 200 \
	"from ::1: 200"
if [ -n "$other" ]; then
	is "$(curl -s -o /dev/null -w '%{http_code}' "http://$other:$NGINX_PORT/emnews/")" 200 \
		"from $other (not loopback): pages are served"
	is "$(curl -s -o /dev/null -w '%{http_code}' "http://$other:$NGINX_PORT/_status")" 404 \
		"but /_status is a 404"
	is "$(curl -s -o /dev/null -w '%{http_code}' "http://$other:$NGINX_PORT/_status?format=json")" 404 \
		"in JSON too"
else
	ok 0 "# SKIP no address but loopback on this machine to ask from"
fi

# /_floor, the bench's FastCGI floor: a few constant bytes, never cached.
get /_floor
is "$STATUS" 200 "/_floor: 200"
is "$(cat "$T/body")" ok "/_floor: its constant body"
is "$(header Cache-Control)" no-store "/_floor: never cached"
stop_server

# With the micro-cache on: /_status never comes from it.
NGINX_CACHE=cache serve "$T/db" --workers 2
get /_status
r1=$(field requests)
get /_status
is "$(field requests)" $((r1 + 1)) "micro-cache on: two requests in a second, both answered by finews"
is "$(header X-Cache)" "" "no X-Cache: not through the cache"
get /emnews/
get /emnews/
is "$(header X-Cache)" HIT "while pages are"
stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

#!/bin/sh
# Hostile requests, table-driven: each gets its expected status, and no
# answer holds a stack trace, SQL, a file path or the input unescaped.
# Then requests from a misconfigured web server, straight to finews.fcgi
# with cgi-fcgi.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
serve "$T/db"
long=$(printf 'a%.0s' $(seq 1 3000))
huge=$(printf 'a%.0s' $(seq 1 9000))
A=/emnews/2021/12/06/202112062201003417.html

# status | method | target | extra curl option (or -)
while IFS='|' read -r want method target extra; do
	[ -n "$want" ] || continue
	case $target in *LONG*) target=$(echo "$target" | sed "s/LONG/$long/") ;; esac
	case $target in *HUGE*) target=$(echo "$target" | sed "s/HUGE/$huge/") ;; esac
	case $extra in *HUGE*) extra=$(echo "$extra" | sed "s/HUGE/$huge/") ;; esac
	set -- -X "$method"
	[ "$method" = HEAD ] && set -- -I
	[ "$extra" = - ] || set -- "$@" -H "$extra"
	got=$(curl -s -g --path-as-is --max-time 20 -o "$T/b" -w '%{http_code}' "$@" "$BASE$target")
	case $want in
	*x*) like "$got" "^$(echo "$want" | sed 's/x/[0-9]/g')$" "$method $(echo "$target" | cut -c1-60): $got" ;;
	*) is "$got" "$want" "$method $(echo "$target" | cut -c1-60)" ;;
	esac
	b=$(cat "$T/b")
	bad=$(printf '%s' "$b" | grep -aEio 'sqlite|select |create table|/work/|/usr/|\.c:[0-9]|traceback|segmentation|<script>alert|onerror=|union select' | head -1)
	[ -z "$bad" ] || { ok 1 "  nothing leaks for $target"; echo "#   found: $bad"; }
done <<'CASES'
400|GET|/../etc/passwd|-
400|GET|/%2e%2e/%2e%2e/etc/passwd|-
400|GET|/static/../sql/schema.sql|-
400|GET|/a/%2e%2e/b|-
400|GET|/%00|-
400|GET|/emnews%00/|-
400|GET|/%zz/|-
400|GET|/%e4%b8/|-
400|GET|/%ff%fe/|-
400|GET|/%c0%ae%c0%ae/|-
400|GET|/LONG|-
414|GET|/HUGE|-
4xx|GET|/|X-Long: HUGE
200|GET|/search?q=%27%20OR%201%3D1--|-
200|GET|/search?q=%22%3B%20DROP%20TABLE%20posts%3B--|-
200|GET|/search?q=NEAR(%E9%93%B6%E8%A1%8C%20x)|-
200|GET|/search?q=%22|-
200|GET|/search?q=*|-
200|GET|/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E|-
200|GET|/search?q=a&q=b&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E|-
400|GET|/search?q=%ff|-
404|GET|/emnews/?page=1%3BDROP%20TABLE%20posts|-
404|GET|/emnews/?page=-1|-
404|GET|/emnews/?page=0|-
404|GET|/emnews/?page=99999999999999999999|-
404|GET|/emnews/?page=1e3|-
404|GET|/emnews/?page=0x10|-
404|GET|/emnews/?page=|-
404|GET|/emnews/?page=+1|-
200|GET|/emnews/?page=1&page=2|-
404|GET|/tags/%27%20OR%201%3D1--/|-
404|GET|/tags/%3Cscript%3Ealert(1)%3C%2Fscript%3E/|-
404|GET|/html_News/NewsShare.html?infoCode=%3Cscript%3Ealert(1)%3C%2Fscript%3E|-
404|GET|/html_News/NewsShare.html?infoCode=NW1%27%20OR%20%271%27%3D%271|-
404|GET|/html_News/NewsShare.html|-
404|GET|/emnews/2021/13/45/x.html|-
404|GET|/x/2021/12/06/202112062201003417.html|-
400|GET|/category/..%2f..%2fetc%2fpasswd.html|-
400|GET|/feed.xml?x=%zz|-
405|POST|/|-
405|PUT|/emnews/|-
405|DELETE|/|-
405|PATCH|/|-
405|PROPFIND|/|-
4xx|TRACE|/|-
405|OPTIONS|/search|-
405|BREW|/|-
200|HEAD|/|-
400|GET|/|Host: <script>alert(1)</script>
200|GET|/|If-None-Match: "<script>alert(1)</script>"
200|GET|/|If-Modified-Since: <script>
200|GET|/|Cookie: a=<script>alert(1)</script>
200|GET|/|User-Agent: ' OR 1=1 --
CASES
is "$(status_of "$A")" 200 "after all of it, pages still answer"

# A misconfigured web server, talking to finews.fcgi directly.
stop_server
"$FCGI" --db "$T/db" --listen "$T/direct.sock" --templates "$TOP/templates" \
	--workers 1 2>"$T/direct.log" &
pid=$!
n=0
while [ ! -S "$T/direct.sock" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
fcgi() { env -i "$@" cgi-fcgi -bind -connect "$T/direct.sock"; }
out=$(fcgi REQUEST_METHOD=GET)
like "$out" "^Status: 400" "no REQUEST_URI: 400"
like "$(cat "$T/direct.log")" "without REQUEST_URI" "and a log line that says what is wrong"
out=$(fcgi REQUEST_URI=/emnews/)
like "$out" "^Status: 200" "no REQUEST_METHOD: taken as GET"
out=$(fcgi REQUEST_METHOD=GET REQUEST_URI=/emnews/ SCRIPT_NAME=)
like "$out" "^Status: 200" "an empty SCRIPT_NAME does not matter"
out=$(fcgi REQUEST_METHOD=GET REQUEST_URI=relative)
like "$out" "^Status: 400" "a target not starting with /: 400"
out=$(fcgi REQUEST_METHOD=GET REQUEST_URI="$long")
like "$out" "^Status: 400" "a 3000-byte target with no nginx in front: 400"
out=$(fcgi REQUEST_METHOD=GET "REQUEST_URI=/%ff")
like "$out" "^Status: 400" "invalid UTF-8: 400"
kill "$pid"
wait "$pid"
is "$?" 0 "finews.fcgi exits 0 on SIGTERM"
unlike "$(cat "$T/direct.log" "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

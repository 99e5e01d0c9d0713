#!/bin/sh
# The worker model: a master forks N worker processes, starts a new one
# when one dies, and on SIGTERM lets requests in flight finish, then
# exits 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 3000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db" --workers 2
master=$_fcgi_pid
workers() { pgrep -P "$master" | sort; }
n=0
while [ "$(workers | wc -l)" -lt 2 ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
is "$(workers | wc -l | tr -d ' ')" 2 "two worker processes"
before=$(workers)
victim=$(echo "$before" | head -1)
kill -9 "$victim"
n=0
while { [ "$(workers | wc -l)" -lt 2 ] || workers | grep -qx "$victim"; } && [ $n -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done
after=$(workers)
is "$(echo "$after" | wc -l | tr -d ' ')" 2 "a killed worker is replaced"
unlike "$after" "^$victim\$" "by a new process"
like "$(cat "$FCGI_LOG")" "worker $victim killed by signal 9; starting another" "and the master says so"
fails=0
for i in $(seq 1 40); do
	[ "$(status_of /emnews/)" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "40 requests after it: all 200"

# SIGTERM while requests are in flight (sitemaps of 3,000 posts, slow
# enough under the sanitizers) and queued: they finish, then the master
# exits 0.
curls=
for i in $(seq 1 8); do
	curl -s -o "$T/out.$i" -w '%{http_code}\n' "$BASE/sitemap.xml" > "$T/code.$i" &
	curls="$curls $!"
done
sleep 0.3
kill -TERM "$master"
wait "$master"
is "$?" 0 "the master exits 0 on SIGTERM"
_fcgi_pid=
for p in $curls; do wait "$p"; done
codes=$(cat "$T"/code.* | sort | uniq -c | tr -s ' ')
unlike "$codes" " (000|5[0-9][0-9])$" "requests in flight were answered, not cut ($codes)"
is "$(pgrep -P "$master" | wc -l | tr -d ' ')" 0 "no worker is left"
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

#!/bin/sh
# A request that runs past --request-timeout gets its worker killed and
# replaced, with a log line naming it: a worker hung on a client that
# does not read its answer, and a worker stopped with SIGSTOP.  Requests
# queued behind them are answered in seconds, not after nginx's 60 s.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 3000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db" --workers 1 --request-timeout 2
master=$_fcgi_pid
worker() { pgrep -P "$master"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# timed_get PATH: its status in $code, the time it took in ms in $took
timed_get() {
	_t0=$(now_ms)
	code=$(status_of "$1" --max-time 20)
	took=$(($(now_ms) - _t0))
}

# A FastCGI client of its own on finews.fcgi's socket: it asks for the
# sitemap (400 KB, more than the socket holds) and never reads it.
cat >"$T/hold.py" <<'PY'
import socket, struct, sys, time
def rec(kind, body):
    return struct.pack(">BBHHBx", 1, kind, 1, len(body), 0) + body
def pair(k, v):
    return bytes([len(k), len(v)]) + k + v
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
params = pair(b"REQUEST_METHOD", b"GET") + pair(b"REQUEST_URI", b"/sitemap.xml") \
    + pair(b"HTTP_HOST", b"localhost")
s.sendall(rec(1, struct.pack(">HB5x", 1, 0)) + rec(4, params) + rec(4, b"") + rec(5, b""))
time.sleep(float(sys.argv[2]))
PY
/usr/bin/python3 "$T/hold.py" "$SOCK" 30 &
hold=$!
at_exit "kill $hold 2>/dev/null"
sleep 0.5
hung=$(worker)
timed_get /emnews/
is "$code" 200 "a request behind a worker hung on its client is answered"
ok $([ "$took" -lt 8000 ] && echo 0 || echo 1) "in seconds ($took ms, limit 2 s)"
like "$(cat "$FCGI_LOG")" "worker $hung: GET /sitemap.xml has run for [0-9.]+ s \(--request-timeout 2\); killing it" \
	"the log names the worker and its request"
like "$(cat "$FCGI_LOG")" "worker $hung killed by signal 9; starting another" "and it is replaced"
kill "$hold" 2>/dev/null

# A worker stopped with SIGSTOP, waiting for a connection: replaced too.
n=0
while [ -z "$(worker)" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
stopped=$(worker)
kill -STOP "$stopped"
timed_get /emnews/
is "$code" 200 "a request while the only worker is stopped is answered"
ok $([ "$took" -lt 8000 ] && echo 0 || echo 1) "in seconds ($took ms)"
like "$(cat "$FCGI_LOG")" "worker $stopped has been stopped for [0-9.]+ s \(--request-timeout 2\); killing it" \
	"the log says the worker was stopped"

# Requests within the limit are left alone.
kills=$(grep -c "killing it" "$FCGI_LOG")
fails=0
for i in $(seq 1 20); do
	[ "$(status_of /sitemap.xml)" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "20 sitemaps within the limit: all 200"
is "$(grep -c "killing it" "$FCGI_LOG")" "$kills" "and no worker killed for them"

kill -TERM "$master"
wait "$master"
is "$?" 0 "the master exits 0 on SIGTERM"
_fcgi_pid=
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

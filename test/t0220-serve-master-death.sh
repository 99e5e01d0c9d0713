#!/bin/sh
# The master's death and SIGHUP: SIGHUP does not stop the service (the
# master reloads and replaces its workers, t0224; a worker ignores it), and when the
# master dies, even by kill -9, its workers die with it, so that a new
# finews.fcgi can take the same TCP port at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
serve "$T/db" --workers 2
master=$_fcgi_pid
workers() { pgrep -P "$master" | sort; }
# wait_for CMD: up to 5 s for CMD to succeed
wait_for() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -le 100 ] || return 1
		sleep 0.05
	done
}
# alive PID: running (a zombie, dead but not yet reaped, is not)
alive() {
	_s=$(ps -o stat= -p "$1" 2>/dev/null)
	case $_s in '' | Z*) return 1 ;; esac
}
two_workers() { [ "$(workers | wc -l)" -eq 2 ]; }
wait_for two_workers
before=$(workers)

kill -HUP "$master"
replaced() { grep -q "every worker replaced" "$FCGI_LOG" && two_workers; }
wait_for replaced
ok $(alive "$master"; echo $?) "SIGHUP: the master is still running"
is "$(workers | wc -l | tr -d ' ')" 2 "with two workers"
is "$(workers | grep -cxF "$before")" 0 "both of them new"
like "$(cat "$FCGI_LOG")" "SIGHUP" "and it says so in the log"
is "$(status_of /emnews/)" 200 "pages are served after SIGHUP"
before=$(workers)
kill -HUP $(echo "$before" | head -1)
sleep 0.3
is "$(workers)" "$before" "a worker given SIGHUP keeps running"

# kill -9 of the master: its workers die with it.
kill -9 "$master"
wait "$master" 2>/dev/null
_fcgi_pid=
gone() { for p in $before; do alive "$p" && return 1; done; return 0; }
wait_for gone
ok $? "kill -9 of the master: its workers are gone"
at_exit "kill -9 $(echo $before) 2>/dev/null"
stop_server

# The same on a TCP port: a new finews.fcgi can listen there at once.
fcgi_tcp() { # ADDR LOG [options]: start finews.fcgi listening on ADDR
	_a=$1 _l=$2
	shift 2
	"$FCGI" --db "$T/db" --listen "$_a" --templates "$TOP/templates" "$@" \
		</dev/null >"$_l" 2>&1 &
	tcp_pid=$!
}
listening() { ss -ltnH "sport = :$port" | grep -q .; }
n=0
while :; do
	port=$(_port)
	listening || break
	n=$((n + 1))
	[ $n -lt 20 ] || bail "no free port"
done
fcgi_tcp "127.0.0.1:$port" "$T/tcp1.log" --workers 2
first=$tcp_pid
wait_for listening || bail "finews.fcgi does not listen on port $port"
tcp_workers=$(pgrep -P "$first")
at_exit "kill -9 $first $(echo $tcp_workers) 2>/dev/null"
kill -9 "$first"
wait "$first" 2>/dev/null
fcgi_tcp "127.0.0.1:$port" "$T/tcp2.log" --workers 1
second=$tcp_pid
at_exit "kill $second 2>/dev/null"
sleep 0.5
ok $(alive "$second"; echo $?) "a new finews.fcgi starts on the port at once"
unlike "$(cat "$T/tcp2.log")" "in use" "without 'Address already in use'"
out=$(env -i REQUEST_METHOD=GET REQUEST_URI=/emnews/ cgi-fcgi -bind -connect "127.0.0.1:$port" 2>&1)
like "$out" "^Status: 200" "and it answers"
still=0
for p in $tcp_workers; do alive "$p" && still=$((still + 1)); done
is "$still" 0 "none of the first one's workers is left"
kill "$second"
wait "$second"
is "$?" 0 "the new one exits 0 on SIGTERM"
unlike "$(cat "$FCGI_LOG" "$T"/tcp*.log)" "Sanitizer|runtime error" "no sanitizer report"
done_testing

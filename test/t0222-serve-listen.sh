#!/bin/sh
# --listen: a port alone (PORT or :PORT) is on loopback, an explicit
# address is honoured; and connections that send nothing cannot hold
# the workers: as many idle connections as there are workers, on a TCP
# port or on the unix socket, are dropped after a few seconds and the
# requests behind them answered.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
listening() { ss -ltnH "sport = :$port" | grep -q .; }
bound() { ss -ltnH "sport = :$port" | awk '{ print $4 }'; }
free_port() {
	_k=0
	while :; do
		port=$(_port)
		listening || return 0
		_k=$((_k + 1))
		[ $_k -lt 20 ] || bail "no free port"
	done
}
# start ADDR [options]: finews.fcgi on ADDR (run in $T), its pid in $pid;
# waits until the port listens (or 5 s)
start() {
	_a=$1
	shift
	(cd "$T" && exec "$FCGI" --db "$T/db" --listen "$_a" \
		--templates "$TOP/templates" "$@") </dev/null >>"$T/tcp.log" 2>&1 &
	pid=$!
	at_exit "kill $pid 2>/dev/null"
	_k=0
	until listening || ! kill -0 "$pid" 2>/dev/null || [ $_k -ge 100 ]; do
		sleep 0.05
		_k=$((_k + 1))
	done
}
finish() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }

free_port
start "$port" --workers 1
is "$(bound)" "127.0.0.1:$port" "--listen PORT listens on 127.0.0.1 only"
finish
free_port
start ":$port" --workers 1
is "$(bound)" "127.0.0.1:$port" "--listen :PORT too"
finish
# Every address's port: another program on the machine may take it on
# one address between the check and the bind; then try another port.
for _try in 1 2 3; do
	free_port
	start "0.0.0.0:$port" --workers 1
	[ -n "$(bound)" ] && break
	finish
done
is "$(bound)" "0.0.0.0:$port" "--listen 0.0.0.0:PORT is honoured"
finish

# hold KIND ADDRESS N: N connections that send nothing, kept for 30 s
hold() {
	/usr/bin/python3 -c 'import socket, sys, time
kind, addr, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
conns = []
for i in range(n):
    if kind == "unix":
        s = socket.socket(socket.AF_UNIX); s.connect(addr)
    else:
        s = socket.socket(); s.connect(("127.0.0.1", int(addr)))
    conns.append(s)
time.sleep(30)' "$@" &
	held=$!
	at_exit "kill $held 2>/dev/null"
	sleep 0.5
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# timed_get PATH: its status in $code, the time it took in ms in $took
timed_get() {
	_t0=$(now_ms)
	code=$(status_of "$1" --max-time 15)
	took=$(($(now_ms) - _t0))
}

# Two workers on a TCP port, two idle connections, nginx in front.
free_port
start ":$port" --workers 2
to_tcp() { sed -i "s|unix:[^ ;]*|127.0.0.1:$port|" "$1/finews-server.conf"; }
nginx_start "$TOP/conf" "$NGINX_DIR" "$SOCK" nocache to_tcp || bail "$NGINX_ERR"
at_exit "_stop $NGINX_PID"
BASE=http://127.0.0.1:$NGINX_PORT
is "$(status_of /)" 200 "nginx reaches finews.fcgi on its TCP port"
hold tcp "$port" 2
timed_get /emnews/
is "$code" 200 "two idle TCP connections to two workers: a request is still answered"
ok $([ "$took" -lt 10000 ] && echo 0 || echo 1) "within seconds ($took ms)"
kill "$held"
finish
_stop "$NGINX_PID"

# The same on the unix socket.
serve "$T/db" --workers 2
hold unix "$SOCK" 2
timed_get /emnews/
is "$code" 200 "two idle unix socket connections: a request is still answered"
ok $([ "$took" -lt 10000 ] && echo 0 || echo 1) "within seconds ($took ms)"
kill "$held"
stop_server
unlike "$(cat "$FCGI_LOG" "$T/tcp.log")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

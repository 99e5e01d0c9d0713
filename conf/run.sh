#!/bin/sh
# conf/run.sh SITE HOST PORT - what `make run` runs, after building:
#   1. checks that HOST:PORT is free,
#   2. imports the Jekyll site SITE into build/run-PORT/finews.db,
#   3. writes build/run-PORT/nginx.conf and finews-server.conf from conf/,
#   4. starts build/finews.fcgi on build/run-PORT/finews.sock and nginx
#      (/usr/sbin/nginx, no root needed) in front of it, in the foreground,
#   5. prints the address, and stops both on Ctrl-C (or SIGTERM).
# Everything of a run is in build/run-PORT/, so runs on other ports, from
# this checkout or another, go on side by side.
# Logs: build/run-PORT/fcgi.log, error.log, access.log.
# FINEWS_FCGI / FINEWS_IMPORT / NGINX override the programs it runs.
set -u
[ $# -eq 3 ] || { echo "usage: $0 SITE HOST PORT" >&2; exit 2; }
site=$1 host=$2 port=$3
top=$(cd "$(dirname "$0")/.." && pwd)
case $port in
''|*[!0-9]*) echo "finews: PORT must be a number, not '$port'" >&2; exit 1 ;;
esac
run=$top/build/run-$port
sock=$run/finews.sock
fcgi=${FINEWS_FCGI:-$top/build/finews.fcgi}
import=${FINEWS_IMPORT:-$top/build/finews-import}
nginx=${NGINX:-/usr/sbin/nginx}

die() { echo "finews: $*" >&2; exit 1; }
urlhost=$host
case $host in *:*) urlhost="[$host]" ;; esac

for p in "$fcgi" "$import" "$nginx"; do
	[ -x "$p" ] || die "$p is missing (run make first)"
done

# 1. The port: connecting to it must be refused (curl exit status 7).
port_taken() {
	curl -s -o /dev/null --max-time 3 "http://$urlhost:$port/"
	[ $? -ne 7 ]
}
taken_msg="port $port is taken; try make run PORT=$((port + 1))"
port_taken && die "$taken_msg"

# Leftovers of an earlier run that was killed: a live one holds the port,
# checked above, so its pid file and socket are stale.
mkdir -p "$run/tmp" || exit 1
if [ -s "$run/nginx.pid" ] && kill -0 "$(cat "$run/nginx.pid")" 2>/dev/null; then
	die "an nginx from an earlier make run is still running (pid $(cat "$run/nginx.pid"))"
fi
rm -f "$run/nginx.pid" "$sock"

# 2. Import (incremental: a second run only adds what changed).
[ -d "$site" ] || [ -f "$site" ] || die "no site at $site"
"$import" --db "$run/finews.db" "$site"
case $? in
0) ;;
1) echo "finews: some files of $site could not be imported (see above); serving the rest" >&2 ;;
*) die "the import into $run/finews.db failed" ;;
esac

# 3. nginx configuration.
sh "$top/conf/nginx-conf.sh" "$run" "$host" "$port" "$sock" cache || exit 1

fpid=''
npid=''
# end PID NAME: SIGTERM, and SIGKILL if it is still there after 5 s.
end() {
	kill "$1" 2>/dev/null || return 0
	( sleep 5; kill -0 "$1" 2>/dev/null &&
		echo "finews: $2 ignored SIGTERM; killing it" >&2 &&
		kill -KILL "$1" ) </dev/null >/dev/null &
	wd=$!
	wait "$1" 2>/dev/null
	kill "$wd" 2>/dev/null
}
stop() {
	trap - EXIT INT TERM
	[ -n "$npid" ] && end "$npid" nginx
	[ -n "$fpid" ] && end "$fpid" finews.fcgi
	rm -f "$sock" "$run/nginx.pid"
}
trap stop EXIT
trap 'echo; echo "finews: stopping"; exit 0' INT
trap 'exit 143' TERM

# 4. finews.fcgi, then nginx once the socket is there.
"$fcgi" --listen "$sock" --db "$run/finews.db" --templates "$top/templates" \
	</dev/null >>"$run/fcgi.log" 2>&1 &
fpid=$!
i=0
while [ ! -S "$sock" ]; do
	kill -0 "$fpid" 2>/dev/null || { fpid=; tail -n 20 "$run/fcgi.log" >&2; die "finews.fcgi stopped"; }
	i=$((i + 1))
	[ $i -le 100 ] || die "finews.fcgi made no socket at $sock (see $run/fcgi.log)"
	sleep 0.1
done

# As many descriptors as allowed: nginx.conf's worker_connections (32768)
# are for bursts of readers, each holding two.
( ulimit -n "$(ulimit -Hn)" 2>/dev/null
  exec "$nginx" -p "$run/" -e "$run/error.log" -c "$run/nginx.conf" </dev/null ) &
npid=$!
i=0
while :; do
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$urlhost:$port/")
	[ "$code" != 000 ] && break
	if ! kill -0 "$npid" 2>/dev/null; then
		npid=
		if tail -n 5 "$run/error.log" | grep -q 'Address already in use'; then
			die "$taken_msg"
		fi
		tail -n 5 "$run/error.log" >&2
		die "nginx stopped (see $run/error.log)"
	fi
	i=$((i + 1))
	[ $i -le 100 ] || die "nginx does not answer on $urlhost:$port (see $run/error.log)"
	sleep 0.1
done

# 5. Serve until Ctrl-C.
echo "finews: http://$urlhost:$port/"
echo "finews: logs in $run/ (fcgi.log, error.log, access.log); Ctrl-C stops"
wait "$npid"
echo "finews: nginx stopped (see $run/error.log)" >&2
exit 1

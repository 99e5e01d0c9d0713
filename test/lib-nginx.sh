# test/lib-nginx.sh - nginx from conf/ on a free loopback port, and the
# small process helpers around it; shared by the tests (test/lib-http.sh)
# and the benchmarks (test/lib-bench.sh), which source it.  POSIX sh.
#
#   nginx_start CONF DIR SOCK CACHE [EDIT]
#       nginx with the files conf/nginx-conf.sh writes (CONF: the conf/
#       folder) in DIR, made afresh, passing requests to finews.fcgi on
#       SOCK; CACHE is "cache" or "nocache" (the micro-cache); EDIT, when
#       given, is a command run with DIR once those files are written;
#       NGINX_OVERFLOW, when set, is finews.fcgi's loopback HOST:PORT for
#       nginx to fall back on when SOCK is full.
#       Returns 0 with NGINX_PID and NGINX_PORT set, or 1 with the reason
#       in NGINX_ERR (and NGINX_PID set if an nginx is left running); nginx's
#       own words are in DIR/error.log and DIR/stdout.
#   _stop PID    TERM, then KILL if it has not ended after 10 s; $_status
#                is its exit status (137: it had to be killed)
#   _port        a random port in 20000-32767, below Linux's ephemeral
#                ports (32768-60999): a listening port chosen there could
#                be any client connection's local port by the time nginx
#                binds it ("Address already in use", seen in t0610)
#   _free_port   one nobody listens on (ss)
#   _code URL    the HTTP status, 000 when nothing answers

: "${NGINX:=/usr/sbin/nginx}"

_stop() {
	_status=
	kill "$1" 2>/dev/null || return 0
	( sleep 10; kill -KILL "$1" ) </dev/null >/dev/null 2>&1 &
	_wd=$!
	wait "$1" 2>/dev/null
	_status=$?
	kill "$_wd" 2>/dev/null
	return 0
}

_port() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 12768))
}

_free_port() {
	while :; do
		_fp=$(_port)
		[ -z "$(ss -ltnH "sport = :$_fp" 2>/dev/null)" ] && break
	done
	echo "$_fp"
}

_code() {
	curl -s -g -o /dev/null -w '%{http_code}' --max-time 10 "$1"
}

nginx_start() {
	_nconf=$1 _ndir=$2 _nsock=$3 _ncache=$4 _nedit=${5:-}
	NGINX_PID= NGINX_PORT= NGINX_ERR=
	_ntry=0
	while :; do
		_ntry=$((_ntry + 1))
		[ "$_ntry" -le 20 ] || { NGINX_ERR="nginx: no free port found"; return 1; }
		_np=$(_port)
		[ "$(_code "http://127.0.0.1:$_np/")" = 000 ] || continue   # taken
		rm -rf "$_ndir"
		sh "$_nconf/nginx-conf.sh" "$_ndir" 127.0.0.1 "$_np" "$_nsock" "$_ncache" \
			${NGINX_OVERFLOW:+"$NGINX_OVERFLOW"} ||
			{ NGINX_ERR="conf/nginx-conf.sh failed"; return 1; }
		if [ -n "$_nedit" ] && ! $_nedit "$_ndir"; then
			NGINX_ERR="$_nedit $_ndir failed"
			return 1
		fi
		# as many descriptors as allowed: conf/'s worker_connections
		( ulimit -n "$(ulimit -Hn)" 2>/dev/null
		  exec "$NGINX" -p "$_ndir/" -e "$_ndir/error.log" -c "$_ndir/nginx.conf" \
			</dev/null >"$_ndir/stdout" 2>&1 ) &
		NGINX_PID=$!
		_ni=0
		while [ "$(_code "http://127.0.0.1:$_np/")" = 000 ]; do
			if ! kill -0 "$NGINX_PID" 2>/dev/null; then
				wait "$NGINX_PID" 2>/dev/null
				NGINX_PID=
				break
			fi
			_ni=$((_ni + 1))
			[ "$_ni" -le 300 ] ||
				{ NGINX_ERR="nginx does not answer on port $_np"; return 1; }
			sleep 0.1
		done
		if [ -n "$NGINX_PID" ]; then
			NGINX_PORT=$_np
			return 0
		fi
		grep -q 'Address already in use' "$_ndir/error.log" "$_ndir/stdout" 2>/dev/null ||
			{ NGINX_ERR="nginx failed to start"; return 1; }
	done
}

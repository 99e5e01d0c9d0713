# test/lib-http.sh - serve a store through finews.fcgi and nginx for the
# end-to-end tests; sourced after lib.sh:
#
#   . "$(dirname "$0")/lib.sh"; . "$(dirname "$0")/lib-http.sh"
#   serve "$T/db"              # sets $BASE, e.g. http://127.0.0.1:41234
#   get /emnews/               # $STATUS, $T/body, $T/headers
#   is "$(status_of /x)" 404 "..."
#
# finews.fcgi ($FCGI) listens on $T/finews.sock, its stderr in $T/fcgi.log
# (with FCGI_FD0=1 it is handed that socket as descriptor 0 instead; with
# FCGI_OVERFLOW=1 it also listens on a loopback port, nginx's fallback when
# the socket is full, in $OVERFLOW);
# NGINX_CACHE=cache turns nginx's micro-cache on (conf/finews.nginx);
# NGINX_EDIT=CMD runs CMD with nginx's folder once its conf is written
# (to change it, see nginx_start in lib-nginx.sh);
# nginx runs from the conf/ files with its logs and temp files in $T/nginx,
# on a random free loopback port.  Both are stopped at exit (stop_server
# stops them earlier, e.g. to read the complete fcgi log).

NGINX=${NGINX:-/usr/sbin/nginx}
. "$TOP/test/lib-nginx.sh"
FCGI_LOG=$T/fcgi.log
SOCK=$T/finews.sock
NGINX_DIR=$T/nginx
BASE=
STATUS=
_fcgi_pid=
_nginx_pid=
_http_at_exit=

# bail REASON: a failed test, and the end of this test file (not a TAP
# "Bail out!", which would stop every other test file too).
bail() {
	ok 1 "$1"
	done_testing
}

# stop_server: stop nginx and finews.fcgi (with SIGTERM); FCGI_EXIT is
# how finews.fcgi ended (its exit status, 128 + signal when killed).
FCGI_EXIT=
stop_server() {
	[ -n "$_nginx_pid" ] && _stop "$_nginx_pid"
	if [ -n "$_fcgi_pid" ]; then
		_stop "$_fcgi_pid"
		FCGI_EXIT=$_status
	fi
	_nginx_pid=''
	_fcgi_pid=''
}

# serve DB [finews.fcgi options]
serve() {
	if [ -z "$_http_at_exit" ]; then
		at_exit stop_server
		_http_at_exit=1
	fi
	[ -x "$FCGI" ] || bail "no $FCGI (make SAN=1 all)"
	rm -f "$SOCK"
	_db=$1
	shift
	OVERFLOW=
	NGINX_OVERFLOW=
	if [ -n "${FCGI_OVERFLOW:-}" ]; then
		OVERFLOW=127.0.0.1:$(_free_port)
		NGINX_OVERFLOW=$OVERFLOW
		set -- --listen "$OVERFLOW" "$@"
	fi
	if [ -n "${FCGI_SYSTEMD:-}" ]; then
		# as systemd does with two ListenStream= lines: the unix socket
		# on fd 3, a loopback port ($OVERFLOW, nginx's backup) on fd 4
		OVERFLOW=127.0.0.1:$(_free_port)
		NGINX_OVERFLOW=$OVERFLOW
		/usr/bin/python3 -c 'import os, socket, sys
u = socket.socket(socket.AF_UNIX)
u.bind(sys.argv[1])
u.listen(64)
t = socket.socket(socket.AF_INET)
t.bind(("127.0.0.1", int(sys.argv[2])))
t.listen(64)
for s, fd in ((u, 3), (t, 4)):
    if s.fileno() != fd:
        os.dup2(s.fileno(), fd)
    os.set_inheritable(fd, True)
os.environ["LISTEN_PID"] = str(os.getpid())
os.environ["LISTEN_FDS"] = "2"
os.execv(sys.argv[3], sys.argv[3:])' "$SOCK" "${OVERFLOW#*:}" "$FCGI" --db "$_db" \
			--templates "$TOP/templates" "$@" </dev/null >>"$FCGI_LOG" 2>&1 &
	elif [ -n "${FCGI_FD0:-}" ]; then
		# as spawn-fcgi or systemd would: the listening socket on fd 0
		/usr/bin/python3 -c 'import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(64)
os.dup2(s.fileno(), 0)
os.execv(sys.argv[2], sys.argv[2:])' "$SOCK" "$FCGI" --db "$_db" \
			--templates "$TOP/templates" "$@" >>"$FCGI_LOG" 2>&1 &
	else
		"$FCGI" --db "$_db" --listen "$SOCK" --templates "$TOP/templates" "$@" \
			</dev/null >>"$FCGI_LOG" 2>&1 &
	fi
	_fcgi_pid=$!
	_i=0
	while [ ! -S "$SOCK" ]; do
		kill -0 "$_fcgi_pid" 2>/dev/null ||
			{ sed 's/^/# /' "$FCGI_LOG"; _fcgi_pid=; bail "finews.fcgi exited"; }
		_i=$((_i + 1))
		[ "$_i" -le 300 ] || bail "finews.fcgi made no socket $SOCK"
		sleep 0.1
	done

	nginx_start "$TOP/conf" "$NGINX_DIR" "$SOCK" "${NGINX_CACHE:-nocache}" \
		"${NGINX_EDIT:-}"
	_rc=$?
	_nginx_pid=$NGINX_PID
	if [ "$_rc" -ne 0 ]; then
		sed 's/^/# /' "$NGINX_DIR/error.log" "$NGINX_DIR/stdout" 2>/dev/null
		bail "$NGINX_ERR"
	fi
	BASE=http://127.0.0.1:$NGINX_PORT
}

# get PATH [curl options]: the body in $T/body, the headers in $T/headers,
# the status in $STATUS.  PATH goes out as written (--path-as-is, -g).
get() {
	_path=$1
	shift
	: >"$T/headers"
	: >"$T/body"   # curl writes no file when there is no body
	STATUS=$(curl -s -g --path-as-is --max-time 60 -o "$T/body" -D "$T/headers" \
		-w '%{http_code}' "$@" "$BASE$_path")
}

# status_of PATH [curl options]: print the status only.
status_of() {
	_path=$1
	shift
	curl -s -g --path-as-is --max-time 60 -o /dev/null -w '%{http_code}' "$@" "$BASE$_path"
}

# header NAME: that header's value in $T/headers; several are joined
# with ", " as HTTP allows.
header() {
	tr -d '\r' <"$T/headers" | sed -n "s/^$1: *//Ip" |
		awk 'NR > 1 { printf ", " } { printf "%s", $0 }'
}

# body: the body of the last get.
body() { cat "$T/body"; }

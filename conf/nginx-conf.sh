#!/bin/sh
# conf/nginx-conf.sh BUILD HOST PORT SOCKET [cache|nocache [OVERFLOW]] -
# write BUILD/nginx.conf and BUILD/finews-server.conf from
# conf/nginx.conf.in and conf/finews.nginx, for an nginx serving finews on
# HOST:PORT from the FastCGI socket SOCKET, with its pid, logs and temp
# files in BUILD (an absolute path).  The fifth argument turns the
# MICROCACHE (@CACHE@ lines: a one-second fastcgi_cache for anonymous GETs)
# on or off (the default).  OVERFLOW, when given, is finews.fcgi's loopback
# HOST:PORT, nginx's backup when the unix socket is full (@OVERFLOW@).
# Used by conf/run.sh (`make run`, cache on) and test/lib-http.sh.
set -eu
[ $# -ge 4 ] && [ $# -le 6 ] ||
	{ echo "usage: $0 BUILD HOST PORT SOCKET [cache|nocache [OVERFLOW]]" >&2; exit 2; }
build=$1 host=$2 port=$3 socket=$4 overflow_addr=${6:-}
overflow=''
[ -n "$overflow_addr" ] || { overflow='# ' overflow_addr=127.0.0.1:PORT; }
case ${5:-nocache} in
cache) cache='' ;;
nocache) cache='# ' ;;
*) echo "$0: cache or nocache, not $5" >&2; exit 2 ;;
esac
conf=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$conf/.." && pwd)

case $host in
*:*) case $host in \[*) ;; *) host="[$host]" ;; esac ;;   # IPv6 literal
esac
if [ "$(id -u)" = 0 ]; then
	user='user root;'
else
	user='# (not root: the workers run as the user who started nginx)'
fi

# sed replacement text: escape \, & and the | delimiter.
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
# Comment lines keep their placeholders as written.
subst() {
	sed -e "/^[[:space:]]*#/!{
		s|@BUILD@|$(esc "$build")|g
		s|@HOST@|$(esc "$host")|g
		s|@PORT@|$(esc "$port")|g
		s|@SOCKET@|$(esc "$socket")|g
		s|@STATIC@|$(esc "$root/build/static")|g
		s|@USER@|$(esc "$user")|g
		s|@CACHE@|$(esc "$cache")|g
		s|@OVERFLOW_ADDR@|$(esc "$overflow_addr")|g
		s|@OVERFLOW@|$(esc "$overflow")|g
	}" "$1"
}

mkdir -p "$build/tmp"
subst "$conf/nginx.conf.in" > "$build/nginx.conf"
subst "$conf/finews.nginx" > "$build/finews-server.conf"

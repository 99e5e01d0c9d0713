#!/bin/sh
# conf/nginx-conf.sh BUILD HOST PORT SOCKET - write BUILD/nginx.conf and
# BUILD/finews-server.conf from conf/nginx.conf.in and conf/finews.nginx,
# for an nginx serving finews on HOST:PORT from the FastCGI socket SOCKET,
# with its pid, logs and temp files in BUILD (an absolute path).
# Used by conf/run.sh (`make run`) and test/lib-http.sh.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 BUILD HOST PORT SOCKET" >&2; exit 2; }
build=$1 host=$2 port=$3 socket=$4
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
		s|@ROOT@|$(esc "$root")|g
		s|@USER@|$(esc "$user")|g
	}" "$1"
}

mkdir -p "$build/tmp"
subst "$conf/nginx.conf.in" > "$build/nginx.conf"
subst "$conf/finews.nginx" > "$build/finews-server.conf"

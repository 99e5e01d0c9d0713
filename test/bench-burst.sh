#!/bin/sh
# test/bench-burst.sh [N] - N requests at once (default 10000, or
# BURST), each on its own connection (test/burst.py), to a category page
# through nginx from conf/, twice: finews.fcgi's unix socket alone, then
# with its loopback port as nginx's fallback (conf/finews.nginx, the
# upstream's backup).  Prints what each client got and how long it took;
# exits 1 when a request of the second run was not answered 200.
#
# nginx needs two descriptors per request (the client's connection and
# finews's), the client one: the soft limit is raised to the hard one
# (ulimit -n).  BURST_POSTS: the site's
# size (default 3000); BURST_WORKERS: finews.fcgi's workers (default: one
# per core).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BENCH_NAME=bench-burst
. "$top/test/lib-bench.sh"
n=${1:-${BURST:-10000}}
posts=${BURST_POSTS:-3000}
dir=$top/build/bench-burst
bench_need "$FCGI" "$IMPORT" "$GEN" /usr/bin/python3 ss
ulimit -n "$(ulimit -Hn)" 2>/dev/null
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -gt $((2 * n + 100)) ] ||
	echo "!! ulimit -n is $(ulimit -n): too few descriptors for $n requests at once" >&2

mkdir -p "$dir"
bench_site "$dir/site-$posts" "$posts"
if [ ! -s "$dir/store-$posts.db" ]; then
	timed "$dir/import.log" "$IMPORT" --db "$dir/store-$posts.db" "$dir/site-$posts"
fi
overflow=127.0.0.1:$(_free_port)
BENCH_FCGI_OPTS="--listen $overflow ${BURST_WORKERS:+--workers $BURST_WORKERS}"
path=/$(sqlite3 -readonly "$dir/store-$posts.db" \
	"SELECT category_path FROM posts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")/

busy=$(bench_busy)
echo "bench-burst: $n GETs of $path at once, $posts posts, $(nproc) CPUs ($busy% busy before)"
echo "  unix socket queue: $(cat /proc/sys/net/core/somaxconn) (net.core.somaxconn)," \
	"nginx: $(sed -n 's/^[[:space:]]*worker_connections \([0-9]*\);/\1/p' "$top/conf/nginx.conf.in") connections," \
	"descriptors: $(ulimit -n)"
bench_busy_warn "$busy"

# run LABEL: one burst against the nginx running; its line and refusals
run() {
	bench_check "$path" || bench_die "$path does not answer 200"
	: >"$dir/srv/nginx/error.log"
	out=$(/usr/bin/python3 "$top/test/burst.py" 127.0.0.1 "${BASE##*:}" "$path" "$n")
	refused=$(grep -c 'Resource temporarily unavailable' "$dir/srv/nginx/error.log")
	printf '  %-32s %s (unix socket full: %s)\n' "$1" "$out" "$refused"
}

NGINX_OVERFLOW=
bench_serve "$dir/store-$posts.db" "$dir/srv"
run "unix socket alone:"
sleep 2
NGINX_OVERFLOW=$overflow
bench_serve "$dir/store-$posts.db" "$dir/srv"
run "with the loopback fallback:"
bench_unserve
case $out in
"200=$n "*) exit 0 ;;
*) echo "!! not every request was answered 200" >&2; exit 1 ;;
esac

# test/lib-bench.sh - shared parts of the benchmarks (test/bench.sh,
# test/bench-scale.sh, test/bench-publish.sh); sourced, POSIX sh:
#
#   top=...; . "$top/test/lib-bench.sh"
#   bench_site DIR N             generate N posts into DIR once (reused)
#   bench_serve DB DIR [cache]   finews.fcgi + nginx, as `make run` does,
#                                on a free loopback port; sets $BASE
#   bench_unserve                stop both (also done at exit)
#   bench_load NAME PATH         wrk on BASE/PATH: sets $RPS $P50 $P99 $MEAN $ERR
#   bench_rss                    finews.fcgi's processes' memory, one a line
#
# Everything runs on 127.0.0.1.  Settings (environment):
#   BENCH_SECONDS      each load's duration (default 10)
#   BENCH_WARMUP       warm-up before each load, seconds (default 2)
#   BENCH_CONNECTIONS  wrk's connections (default 16)
#   BENCH_THREADS      wrk's threads (default 1)
#   FINEWS_BIN         the programs (default build/)
#   NGINX              nginx (default /usr/sbin/nginx)

LC_ALL=C
export LC_ALL
: "${FINEWS_BIN:=$top/build}"
: "${NGINX:=/usr/sbin/nginx}"
. "$top/test/lib-nginx.sh"
: "${BENCH_SECONDS:=10}"
: "${BENCH_WARMUP:=2}"
: "${BENCH_CONNECTIONS:=16}"
: "${BENCH_THREADS:=1}"
FCGI=$FINEWS_BIN/finews.fcgi
IMPORT=$FINEWS_BIN/finews-import
GEN=$FINEWS_BIN/test/gen-site
BASE=
_fcgi_pid=
_nginx_pid=
_srv_dir=

bench_die() {
	echo "${BENCH_NAME:-bench}: $*" >&2
	exit 1
}

bench_need() {
	for _b in "$@"; do
		[ -x "$_b" ] || command -v "$_b" >/dev/null 2>&1 ||
			bench_die "$_b is missing (make all; make deps installs wrk)"
	done
}

# now_ns: nanoseconds since the epoch.
now_ns() {
	_t=$(date +%s%N)
	case $_t in
	*[!0-9]*) _t=$(($(date +%s) * 1000000000)) ;;
	esac
	echo "$_t"
}

# timed LOG CMD...: run CMD with stdout and stderr in LOG; $ns is the
# wall-clock time it took.  A failing CMD stops the benchmark.
timed() {
	_log=$1
	shift
	_t0=$(now_ns)
	_rc=0
	"$@" >"$_log" 2>&1 || _rc=$?
	ns=$(($(now_ns) - _t0))
	if [ "$_rc" -ne 0 ]; then
		tail -n 20 "$_log" >&2
		bench_die "$* failed (exit $_rc)"
	fi
}

# calc FORMAT EXPR: awk arithmetic, printed with FORMAT.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# bench_site DIR N: a generated N-post site in DIR, made once; a folder
# left half-written by an interrupted run is made again.
bench_site() {
	if [ -f "$1/.complete" ] && [ "$(cat "$1/.complete")" = "$2" ]; then
		return 0
	fi
	rm -rf "$1"
	echo "generating $2 posts into $1"
	timed "$1.log" "$GEN" "$1" "$2"
	echo "$2" >"$1/.complete"
	rm -f "$1.log"
}

# bench_room DIR MB: fail with a message when DIR's file system has less
# than MB megabytes free.
bench_room() {
	mkdir -p "$1"
	_free=$(df -Pm "$1" | awk 'NR == 2 { print $4 }')
	if [ "${_free:-0}" -lt "$2" ]; then
		bench_die "needs about $2 MB free in $1, has ${_free} MB; free some space (rm -rf build/bench*)"
	fi
}

bench_unserve() {
	[ -n "$_nginx_pid" ] && _stop "$_nginx_pid"
	[ -n "$_fcgi_pid" ] && _stop "$_fcgi_pid"
	_nginx_pid=
	_fcgi_pid=
	# the access log of a load run is large and of no further use
	[ -n "$_srv_dir" ] && rm -f "$_srv_dir/nginx/access.log"
	return 0
}
trap bench_unserve EXIT
trap 'exit 130' INT TERM

# bench_cache_available: does conf/ ship the nginx micro-cache?
bench_cache_available() {
	grep -q MICROCACHE "$top/conf/nginx-conf.sh"
}

# _add_static_article DIR: the bench's own location in the server block
# nginx-conf.sh wrote into DIR: /static-article.html, a static file in
# $_srv_dir/www.
_add_static_article() {
	sed -i -e "0,/^[[:space:]]*server[[:space:]]*{/s||&\\
	location = /static-article.html { root $_srv_dir/www; }|" \
		"$1/finews-server.conf"
	grep -q static-article "$1/finews-server.conf"
}

# _nginx_start [cache]: (re)start nginx in $_srv_dir/nginx on a free port,
# from conf/ through conf/nginx-conf.sh, plus one location of the bench's
# own: /static-article.html, a static file in $_srv_dir/www.
_nginx_start() {
	[ -n "$_nginx_pid" ] && _stop "$_nginx_pid"
	nginx_start "$top/conf" "$_srv_dir/nginx" "$_srv_dir/finews.sock" \
		"${1:-nocache}" _add_static_article
	_rc=$?
	_nginx_pid=$NGINX_PID
	if [ "$_rc" -ne 0 ]; then
		cat "$_srv_dir/nginx/error.log" "$_srv_dir/nginx/stdout" >&2 2>/dev/null
		bench_die "$NGINX_ERR"
	fi
	BASE=http://127.0.0.1:$NGINX_PORT
}

# bench_serve DB DIR [cache]: finews.fcgi on DIR/finews.sock over DB, and
# nginx in front of it (with conf/'s micro-cache when the third argument
# is "cache").  With finews.fcgi already serving DB from DIR, only nginx
# is started again.
bench_serve() {
	_db=$1
	_srv_dir=$2
	mkdir -p "$_srv_dir/www"
	if [ -z "$_fcgi_pid" ]; then
		rm -f "$_srv_dir/finews.sock"
		# shellcheck disable=SC2086
		"$FCGI" --db "$_db" --listen "$_srv_dir/finews.sock" \
			--templates "$top/templates" ${BENCH_FCGI_OPTS:-} \
			</dev/null >>"$_srv_dir/fcgi.log" 2>&1 &
		_fcgi_pid=$!
		_i=0
		while [ ! -S "$_srv_dir/finews.sock" ]; do
			if ! kill -0 "$_fcgi_pid" 2>/dev/null; then
				_fcgi_pid=
				tail -n 20 "$_srv_dir/fcgi.log" >&2
				bench_die "finews.fcgi stopped"
			fi
			_i=$((_i + 1))
			[ "$_i" -le 600 ] || bench_die "finews.fcgi made no socket (see $_srv_dir/fcgi.log)"
			sleep 0.1
		done
	fi
	_nginx_start "${3:-}"
}

# _ms VALUE: a wrk duration (123.45us, 1.23ms, 1.02s, 1.00m) in ms.
_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000
		else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
		printf "%.2f", n
	}'
}

# bench_check PATH: the status of one GET, which must be 200.
bench_check() {
	_c=$(_code "$BASE$1")
	[ "$_c" = 200 ] || { echo "!! GET $1 answered $_c, not 200" >&2; return 1; }
}

# bench_load NAME PATH: a warm-up, then BENCH_SECONDS of wrk on PATH.
# Sets RPS, P50, P99 and MEAN (ms), ERR (non-2xx answers plus socket
# errors).  The wrk output is kept in $_srv_dir/wrk-NAME.txt.
bench_load() {
	_out=$_srv_dir/wrk-$1.txt
	RPS=0 P50=0 P99=0 MEAN=0 ERR=0
	bench_check "$2" || { ERR=1; return 0; }
	if [ "$BENCH_WARMUP" != 0 ]; then
		wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" \
			"$BASE$2" </dev/null >/dev/null 2>&1
	fi
	wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" \
		--timeout 10s --latency "$BASE$2" </dev/null >"$_out" 2>&1 ||
		{ cat "$_out" >&2; echo "!! wrk failed on $2" >&2; ERR=1; return 0; }
	RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$_out")
	P50=$(_ms "$(awk '$1 == "50%" { print $2 }' "$_out")")
	P99=$(_ms "$(awk '$1 == "99%" { print $2 }' "$_out")")
	MEAN=$(_ms "$(awk '$1 == "Latency" && $2 != "Distribution" { print $2; exit }' "$_out")")
	# "Non-2xx or 3xx responses: N" and
	# "Socket errors: connect A, read B, write C, timeout D"
	ERR=$(awk '/Non-2xx or 3xx responses:/ { e += $NF }
		/Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
		END { print e + 0 }' "$_out")
	[ -n "$RPS" ] || { RPS=0; ERR=$((ERR + 1)); }
	if [ "$ERR" -ne 0 ]; then
		echo "!! $1 ($2): $ERR errors or non-2xx answers:" >&2
		grep -E 'Non-2xx|Socket errors' "$_out" >&2
	fi
	return 0
}

# bench_rss: one line per finews.fcgi process (the one started and its
# children: worker processes, when it forks them):
#   PID ROLE VmRSS-KB RssAnon-KB RssFile-KB VmHWM-KB
bench_rss() {
	[ -n "$_fcgi_pid" ] || return 0
	_kids=$(ps -o pid= --ppid "$_fcgi_pid" 2>/dev/null)
	for _pid in "$_fcgi_pid" $_kids; do
		[ -r "/proc/$_pid/status" ] || continue
		_role=worker
		[ "$_pid" = "$_fcgi_pid" ] && _role=main
		[ "$_pid" = "$_fcgi_pid" ] && [ -n "$_kids" ] && _role=master
		awk -v pid="$_pid" -v role="$_role" '
			$1 == "VmRSS:" { r = $2 } $1 == "RssAnon:" { a = $2 }
			$1 == "RssFile:" { f = $2 } $1 == "VmHWM:" { h = $2 }
			END { print pid, role, r + 0, a + 0, f + 0, h + 0 }' "/proc/$_pid/status"
	done
}

# bench_busy: how busy the CPUs were over one second, in percent of all
# of them (run it while the bench itself is idle: other programs' load,
# which makes every figure lower).
bench_busy() {
	_a=$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat)
	sleep 1
	_b=$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat)
	echo "$_a $_b" | awk '{ b = $3 - $1; i = $4 - $2
		printf "%.0f\n", (b + i > 0 ? 100 * b / (b + i) : 0) }'
}

# bench_busy_warn PERCENT: a warning when the machine was not idle.
bench_busy_warn() {
	if [ "$1" -ge 10 ]; then
		echo "!! the machine was $1% busy before the loads (other programs): every figure is lower than on an idle machine" >&2
	fi
}

# bench_urls DB: pick the pages to load from the store; sets ARTICLE,
# SHARE (empty without a share code), CAT (the biggest category's slug),
# CAT_PAGES (its pages of 50).
bench_urls() {
	_row=$(sqlite3 -readonly -separator ' ' "$1" "
		SELECT category_path, count(*) FROM posts
		GROUP BY category_path ORDER BY count(*) DESC LIMIT 1;") ||
		bench_die "cannot read $1 with sqlite3"
	CAT=${_row% *}
	CAT_PAGES=$(((${_row#* } + 49) / 50))
	# an article from the middle of that category, with a share code
	_row=$(sqlite3 -readonly -separator ' ' "$1" "
		SELECT '/' || category_path || '/' || day || '/' || slug || '.html',
		       coalesce(info_code, '')
		FROM posts WHERE category_path = '$CAT' AND info_code IS NOT NULL
		ORDER BY published LIMIT 1 OFFSET ${_row#* } / 2;")
	ARTICLE=${_row% *}
	SHARE=
	[ -n "${_row#* }" ] && SHARE="/html_News/NewsShare.html?infoCode=${_row#* }"
	return 0
}

#!/bin/sh
# bench-import.sh - finews-import speed figures on a generated site.
#
#   sh test/bench-import.sh [COUNT]      (default $BENCH_N, else 100000)
#
# Uses $FINEWS_BIN/finews-import and $FINEWS_BIN/test/gen-site
# (FINEWS_BIN defaults to build/ beside this folder; `make bench-import`
# sets it).  In a temporary folder under build/bench it generates a
# COUNT-post site, then times:
#   - a fresh import                     (target 20,000 posts/s)
#   - a re-run over the unchanged site   (target < 2 s)
#   - one new post given as its file     (target < 100 ms)
#   - one new post by a re-run over the whole site
# and prints the store's size.  It prints figures only and asserts
# nothing timed; it fails only when a command fails.  BENCH_KEEP=1
# keeps the temporary folder.
set -eu
LC_ALL=C
export LC_ALL

root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-${BENCH_N:-100000}}
bin=${FINEWS_BIN:-$root/build}
import=$bin/finews-import
gen=$bin/test/gen-site

case $n in
'' | *[!0-9]*) echo "usage: sh test/bench-import.sh [COUNT]" >&2; exit 2 ;;
esac
if [ "$n" -lt 1 ]; then
	echo "bench-import: COUNT must be at least 1" >&2
	exit 2
fi
for b in "$import" "$gen"; do
	if [ ! -x "$b" ]; then
		echo "bench-import: $b is missing; run make first" >&2
		exit 1
	fi
done

mkdir -p "$root/build/bench"
work=$(mktemp -d "$root/build/bench/run.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "bench-import: kept $work" >&2' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM
site=$work/site
db=$work/finews.db

# Nanoseconds since the epoch; whole seconds where date lacks %N.
now_ns() {
	t=$(date +%s%N)
	case $t in
	*[!0-9]*) t=$(($(date +%s) * 1000000000)) ;;
	esac
	echo "$t"
}

# timed CMD...: run CMD with stderr in $work/err, set $ns to the wall
# clock time it took; stop the benchmark when it fails.
timed() {
	t0=$(now_ns)
	rc=0
	"$@" 2>"$work/err" || rc=$?
	t1=$(now_ns)
	ns=$((t1 - t0))
	if [ "$rc" -ne 0 ]; then
		echo "bench-import: $* failed (exit $rc):" >&2
		cat "$work/err" >&2
		exit 1
	fi
}

# The importer's summary line (the last line on stderr), indented.
summary() {
	if [ -s "$work/err" ]; then
		printf '    %s\n' "$(tail -n 1 "$work/err")"
	fi
}

# secs NS: NS nanoseconds as seconds with two decimals.
secs() {
	awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'
}

# rate LABEL COUNT NS: "LABEL: COUNT posts in S s = R posts/s (target ...)".
rate() {
	awk -v label="$1" -v n="$2" -v ns="$3" 'BEGIN {
		s = ns / 1e9; if (s <= 0) s = 1e-9
		printf "%s: %d posts in %.2f s = %.0f posts/s (target 20000/s: %.2fx)\n",
			label, n, s, n / s, n / s / 20000
	}'
}

# verdict NS LIMIT_MS: "met" or "missed" against a time budget.
verdict() {
	if [ "$1" -lt $(($2 * 1000000)) ]; then echo met; else echo missed; fi
}

# ms NS: NS nanoseconds as milliseconds with one decimal.
ms() {
	awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'
}

# new_post N: add post number N to the site; print its path.
new_post() {
	ls "$site/_posts" >"$work/before"
	"$gen" --one "$site" "$1"
	ls "$site/_posts" >"$work/after"
	f=$(comm -13 "$work/before" "$work/after")
	if [ -z "$f" ]; then
		echo "bench-import: gen-site --one wrote no new post" >&2
		exit 1
	fi
	echo "$site/_posts/$f"
}

echo "bench-import: $n posts, importer $import"

timed "$gen" "$site" "$n"
echo "generate: $n posts in $(secs "$ns") s"

timed "$import" --db "$db" "$site"
rate "fresh import" "$n" "$ns"
summary

size=$(wc -c <"$db" | tr -d ' ')
for x in "$db-wal" "$db-shm"; do
	if [ -f "$x" ]; then size=$((size + $(wc -c <"$x" | tr -d ' '))); fi
done
awk -v b="$size" -v n="$n" 'BEGIN {
	printf "store size: %d bytes = %.1f MiB = %.0f bytes/post\n", b, b / 1048576, b / n
}'

timed "$import" --db "$db" "$site"
echo "unchanged re-run: $n posts in $(secs "$ns") s (target < 2 s: $(verdict "$ns" 2000))"
summary

post=$(new_post "$n") || exit 1
timed "$import" --db "$db" "$post"
echo "one new post as a file argument: $(ms "$ns") ms (target < 100 ms: $(verdict "$ns" 100))"
summary

post=$(new_post $((n + 1))) || exit 1
timed "$import" --db "$db" "$site"
echo "one new post by a site re-run: $(secs "$ns") s over $((n + 2)) posts"
summary

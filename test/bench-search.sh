#!/bin/sh
# test/bench-search.sh [COUNT] - search latency over a store of COUNT
# generated posts (default 100000, or BENCH_N), kept in build/bench-search
# between runs.  Prints figures; asserts nothing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${FINEWS_BIN:=$top/build}"
n=${1:-${BENCH_N:-100000}}
dir=$top/build/bench-search
mkdir -p "$dir"
if [ ! -s "$dir/store-$n.db" ]; then
	rm -rf "$dir/site"
	"$FINEWS_BIN/test/gen-site" "$dir/site" "$n" || exit 1
	"$FINEWS_BIN/finews-import" --db "$dir/store-$n.db.new" "$dir/site" || exit 1
	mv "$dir/store-$n.db.new" "$dir/store-$n.db"
	rm -f "$dir/store-$n.db.new-wal" "$dir/store-$n.db.new-shm"
	rm -rf "$dir/site"
fi
echo "bench-search: $n posts, store $(du -h "$dir/store-$n.db" | cut -f1)"
"$FINEWS_BIN/test/bench-search" "$dir/store-$n.db" 50
echo "target: a two-character query under 20 ms (median)"

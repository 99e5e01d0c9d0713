#!/bin/sh
# test/bench-publish-sync.sh - `make bench-publish-sync`: what rsync sends
# to a replica for one new post.  On an N-post store (default 20000,
# build/bench-publish-sync/N): finews-import --publish, one more post
# imported, --publish again; then rsync --stats (--no-whole-file, as over
# a network; --ignore-times, as the copies are of the same second) of the second snapshot over a copy of the first, and the
# same for two VACUUM INTO copies of the store.  Prints the file size,
# rsync's literal data (the bytes sent as such; the rest is matched
# blocks) and the publish times.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${FINEWS_BIN:-$top/build}
n=${1:-20000}
d=$top/build/bench-publish-sync/$n
rm -rf "$d" && mkdir -p "$d/pub" "$d/vacuum"
"$bin/test/gen-site" "$d/site" "$n"
"$bin/finews-import" --db "$d/w.db" "$d/site" 2>/dev/null
publish() {
	"$bin/finews-import" --db "$d/w.db" --publish "$d/pub" 2>&1 |
		sed -n 's/.*published .*, \([0-9.]*\) s)$/\1/p'
}
t1=$(publish)
cp "$d/pub/finews.db" "$d/replica.db"
sqlite3 "$d/w.db" "VACUUM INTO '$d/vacuum/1.db'"
"$bin/test/gen-site" --one "$d/site" "$n"
"$bin/finews-import" --db "$d/w.db" "$d/site" 2>/dev/null
t2=$(publish)
sqlite3 "$d/w.db" "VACUUM INTO '$d/vacuum/2.db'"
# literal: rsync's "Literal data" for new over old (a copy of old)
literal() {
	cp "$2" "$d/dest.db"
	rsync --stats --no-whole-file --ignore-times "$1" "$d/dest.db" |
		sed -n 's/^Literal data: \([0-9,]*\) bytes.*/\1/p' | tr -d ,
}
size=$(wc -c < "$d/pub/finews.db")
lit=$(literal "$d/pub/finews.db" "$d/replica.db")
vsize=$(wc -c < "$d/vacuum/2.db")
vlit=$(literal "$d/vacuum/2.db" "$d/vacuum/1.db")
echo "posts: $n, then one more"
echo "publish (backup API): first $t1 s, after one post $t2 s"
printf 'snapshot (backup API): %d bytes, rsync literal data %d bytes (%.2f%%)\n' \
	"$size" "$lit" "$(echo "$lit * 100 / $size" | bc -l)"
printf 'VACUUM INTO:           %d bytes, rsync literal data %d bytes (%.2f%%)\n' \
	"$vsize" "$vlit" "$(echo "$vlit * 100 / $vsize" | bc -l)"
cmp -s "$d/dest.db" "$d/vacuum/2.db" || { echo "rsync's copy differs" >&2; exit 1; }

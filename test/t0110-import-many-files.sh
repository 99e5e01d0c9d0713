#!/bin/sh
# 100,000 posts in one folder, one of them broken: the importer takes them
# all in one run within bounded memory and time, names the broken file,
# and loses nothing else; a re-run over the unchanged folder is quick.
. "$(dirname "$0")/lib.sh"

N=100000
# Bounds: far above what a run takes (about 160 MB and 10 s on a 2-core
# machine), far below what a run that held every file, or went quadratic,
# would need.  AddressSanitizer's shadow memory and quarantine take about
# 1.8 GB of their own, and its runs are five times slower.
mem_max=300 secs_max=120
if ldd "$IMPORT" 2>/dev/null | grep -q libasan; then
	mem_max=4000 secs_max=900
fi

"$GEN" "$T/site" $N || bail "gen-site failed"
P=$T/site/_posts
is "$(ls "$P" | wc -l)" $N "$N posts in one folder"
printf -- '---\ntitle: [broken\ndate: 2022-01-01 10:00:00\n---\n正文\n' >"$P/2022-01-01-broken.md"

# run LOG: the importer under GNU time; sets RC, SECS, MB
run() {
	/usr/bin/time -f '%e %M' -o "$T/time" "$IMPORT" --db "$T/db" "$T/site" >"$1" 2>&1
	RC=$?
	SECS=$(awk 'END { printf "%d", $1 + 0.5 }' "$T/time")
	MB=$(awk 'END { printf "%d", $2 / 1024 }' "$T/time")
}

run "$T/first.log"
is "$RC" 1 "exit status 1: one file failed"
like "$(cat "$T/first.log")" "2022-01-01-broken.md:[0-9]+: " "the broken file is named, with its line"
like "$(tail -n 1 "$T/first.log")" "$N added, 0 updated, 0 unchanged, 1 failed" "every other post added"
is "$(q "$T/db" "SELECT count(*) FROM posts")" $N "all $N in the store"
is "$(q "$T/db" "SELECT count(*) FROM search")" $N "and in the search index"
ok $([ "$MB" -lt "$mem_max" ] && echo 0 || echo 1) "peak memory ${MB} MB, under $mem_max MB"
ok $([ "$SECS" -lt "$secs_max" ] && echo 0 || echo 1) "${SECS} s, under $secs_max s"

rm "$P/2022-01-01-broken.md"
run "$T/again.log"
is "$RC" 0 "a re-run over the unchanged folder: exit 0"
like "$(tail -n 1 "$T/again.log")" "0 added, 0 updated, $N unchanged, 0 failed" "every post unchanged"
ok $([ "$MB" -lt "$mem_max" ] && echo 0 || echo 1) "peak memory ${MB} MB, under $mem_max MB"
is "$(q "$T/db" "PRAGMA integrity_check")" ok "the store is sound"
done_testing

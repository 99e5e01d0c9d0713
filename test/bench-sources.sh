#!/bin/sh
# test/bench-sources.sh - `make bench-sources`: do the pages stay as quick
# and as small with 2,000 news sources as with 12?
#
# Two sites of the same number of posts (BENCH_SOURCES_POSTS, default
# 20000) are generated once by `gen-site --sources` into
# build/bench-sources/ (kept for the next run): one of 12 categories and
# one of 2,000 (BENCH_SOURCES_COUNTS, "12 2000"; each a wire, emnews,
# with 60% of the posts, a few mid-size sources and a long tail, and a
# category page per source).  Each is imported into a new store and
# served by build/finews.fcgi behind nginx (conf/), as `make bench` does,
# and wrk loads the home page, the wire's category page (/emnews/), a
# mid-size source's (the second largest), the source index /category/
# (n/a when it does not answer 200) and an article.  It prints their mean
# and 99th-percentile latency and requests/s at both sizes, the ratio of
# the mean latencies (target: 1.2 at most for the home page, the category
# pages and the source index), and the HTML size of the home page
# (target: under 60 KB) and of the article (under 30 KB).  Written to
# build/bench-sources/sources.csv as well.  Figures only: the exit status
# is 1 when a load saw errors or non-2xx answers, not for a missed target.
# Settings: see test/lib-bench.sh.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BENCH_NAME=bench-sources
. "$top/test/lib-bench.sh"

posts=${BENCH_SOURCES_POSTS:-20000}
counts=${BENCH_SOURCES_COUNTS:-12 2000}
case $posts in
'' | *[!0-9]*) bench_die "BENCH_SOURCES_POSTS: '$posts' is not a number" ;;
esac
bench_need "$FCGI" "$IMPORT" "$GEN" "$NGINX" wrk curl sqlite3
dir=$top/build/bench-sources
mkdir -p "$dir"
# a generated post is about 4 KB as a file and 4 KB in the store
bench_room "$dir" $((posts * 2 * 9 / 1000 + 200))
res=$dir/results
: >"$res"
small=
large=

# sources_site DIR SOURCES: the site, generated once.
sources_site() {
	if [ -f "$1/.complete" ] && [ "$(cat "$1/.complete")" = "$posts $2" ]; then
		return 0
	fi
	rm -rf "$1"
	echo "generating $posts posts of $2 sources into $1"
	timed "$1.log" "$GEN" --sources "$2" "$1" "$posts"
	echo "$posts $2" >"$1/.complete"
	rm -f "$1.log"
}

# html_size PATH: the bytes of PATH's answer.
html_size() {
	curl -s -g -o "$run/page.html" "$BASE$1"
	wc -c <"$run/page.html"
}

for n in $counts; do
	case $n in
	'' | *[!0-9]*) bench_die "BENCH_SOURCES_COUNTS: '$n' is not a number" ;;
	esac
	[ -n "$small" ] || small=$n
	large=$n
	site=$dir/site-$n
	db=$dir/store-$n.db
	run=$dir/run-$n
	rm -rf "$run" "$db" "$db-wal" "$db-shm"
	mkdir -p "$run"
	sources_site "$site" "$n"
	echo "importing $site into $db"
	timed "$run/import.log" "$IMPORT" --db "$db" "$site"
	echo "  $(tail -n 1 "$run/import.log")"

	bench_urls "$db"
	mid=$(sqlite3 -readonly "$db" "SELECT category_path FROM posts
		GROUP BY category_path ORDER BY count(*) DESC, category_path LIMIT 1 OFFSET 1")
	[ -n "$mid" ] || mid=$CAT
	bench_serve "$db" "$run"
	busy=$(bench_busy)
	bench_busy_warn "$busy"
	echo "$n sources on $BASE ($busy% busy before): wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s after ${BENCH_WARMUP}s"
	while read -r name label path; do
		printf '  %-8s %s ... ' "$name" "$path"
		code=$(_code "$BASE$path")
		if [ "$code" != 200 ]; then
			echo "n/a (answered $code)"
			printf '%s\t%s\t%s\t%s\tn/a\tn/a\tn/a\tn/a\t0\tn/a\n' "$n" "$name" "$label" \
				"$path" >>"$res"
			continue
		fi
		size=$(html_size "$path")
		bench_load "$name" "$path"
		echo "$RPS req/s, mean $MEAN ms, p99 $P99 ms, $size bytes"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$label" "$path" \
			"$RPS" "$MEAN" "$P50" "$P99" "$ERR" "$size" >>"$res"
	done <<EOF
home home /
wire category_page_(wire) /emnews/
mid category_page_(mid-size) /$mid/
index source_index /category/
article article $ARTICLE
EOF
	bench_unserve
done

echo
echo "finews bench-sources: $posts posts at $small and $large categories, $(nproc) CPUs, wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s"
echo
awk -F '\t' -v s="$small" -v l="$large" '
	function num(x) { return x != "n/a" }
	function f(x, fmt) { return num(x) ? sprintf(fmt, x) : "n/a" }
	$1 == s { m[$2, "s"] = $6; p[$2, "s"] = $8; r[$2, "s"] = $5; b[$2, "s"] = $10 }
	$1 == l { m[$2, "l"] = $6; p[$2, "l"] = $8; r[$2, "l"] = $5; b[$2, "l"] = $10
		  lab[$2] = $3; ord[++k] = $2 }
	END {
		printf "%-25s %15s %15s %17s %7s  %s\n", "", "mean ms", "p99 ms", "req/s",
			"ratio", "target"
		printf "%-25s %7s %7s %7s %7s %8s %8s %7s\n", "page", "@" s, "@" l, "@" s, "@" l,
			"@" s, "@" l, "mean"
		for (i = 1; i <= k; i++) { x = ord[i]; t = ""
			ok = num(m[x, "s"]) && num(m[x, "l"]) && m[x, "s"] > 0
			ratio = ok ? m[x, "l"] / m[x, "s"] : 0
			if (x != "article")
				t = ok ? (ratio <= 1.2 ? "met" : "MISSED") " (<= 1.2x)" : "n/a"
			l2 = lab[x]; gsub(/_/, " ", l2)
			printf "%-25s %7s %7s %7s %7s %8s %8s %7s  %s\n", l2,
				f(m[x, "s"], "%.2f"), f(m[x, "l"], "%.2f"),
				f(p[x, "s"], "%.2f"), f(p[x, "l"], "%.2f"),
				f(r[x, "s"], "%.0f"), f(r[x, "l"], "%.0f"),
				ok ? sprintf("%.2fx", ratio) : "n/a", t
		}
		printf "\n%-25s %7s %7s  %s\n", "HTML bytes", "@" s, "@" l, "target @" l
		for (i = 1; i <= k; i++) { x = ord[i]; t = ""
			l2 = lab[x]; gsub(/_/, " ", l2)
			if (x == "home") lim = 60 * 1024; else if (x == "article") lim = 30 * 1024
			else lim = 0
			if (lim) t = num(b[x, "l"]) ? (b[x, "l"] < lim ? "met" : "MISSED") \
				" (< " lim / 1024 " KB)" : "n/a"
			printf "%-25s %7s %7s  %s\n", l2, b[x, "s"], b[x, "l"], t
		}
	}' "$res"
awk -F '\t' '$2 == "mid" { printf "mid-size source at %s categories: %s\n", $1, $4 }' "$res"
{
	echo "categories,measure,label,path,requests_per_s,mean_ms,p50_ms,p99_ms,errors,html_bytes"
	tr '\t' ',' <"$res"
} >"$dir/sources.csv"
echo "written: $dir/sources.csv"
errors=$(awk -F '\t' '{ e += $9 } END { print e + 0 }' "$res")
[ "$errors" -eq 0 ] || { echo "!! $errors errors or non-2xx answers (see $dir/run-*/wrk-*.txt)" >&2; exit 1; }
exit 0

#!/bin/sh
# test/bench-scale.sh - `make bench-scale`: how latency grows with the
# archive, from 10,000 to 1,000,000 posts (BENCH_SCALE_SIZES, smallest
# first, default "10000 1000000").
#
# For each size, a generated site is imported once into
# build/bench-scale/store-N.db (kept for the next run; the site folder is
# deleted after the import to save disk: the store is what's needed;
# BENCH_SCALE_FRESH=1 makes them again).  The store is served by
# build/finews.fcgi behind nginx (conf/), as `make bench` does, and wrk
# loads the article, category page 1, a deep category page (60% of the
# way down, as page 1,000 of 1,700 is at 100,000 posts), the search, and
# for the memory figures the home page, tag page and feed.  It prints
# each load's median and 99th-percentile latency at the smallest and the
# largest size and their ratio (target: 1.5 at most for article,
# category and search), and the finews.fcgi processes' resident memory
# at the largest size (target: each worker under 30 MB).  Written to
# build/bench-scale/scale.csv as well.  Exit status 1 when a load saw
# errors or non-2xx answers.  Settings: see test/lib-bench.sh;
# BENCH_SCALE_PREPARE=1 only makes the stores.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BENCH_NAME=bench-scale
. "$top/test/lib-bench.sh"

sizes=${BENCH_SCALE_SIZES:-10000 1000000}
bench_need "$FCGI" "$IMPORT" "$GEN" "$NGINX" wrk curl sqlite3
dir=$top/build/bench-scale
mkdir -p "$dir"
res=$dir/results
: >"$res"
small=
large=

for n in $sizes; do
	case $n in
	'' | *[!0-9]*) bench_die "BENCH_SCALE_SIZES: '$n' is not a number" ;;
	esac
	[ -n "$small" ] || small=$n
	large=$n
	db=$dir/store-$n.db
	if [ "${BENCH_SCALE_FRESH:-0}" = 1 ] || [ ! -s "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		# the site (about 4.2 KB a post, deleted after) and the store
		# (about 4 KB a post), plus room to spare
		bench_room "$dir" $((n * 9 / 1000 + 500))
		bench_site "$dir/site-$n" "$n"
		echo "importing $n posts into $db"
		timed "$dir/import-$n.log" "$IMPORT" --db "$db.new" "$dir/site-$n"
		tail -n 1 "$dir/import-$n.log"
		echo "  $(calc '%.0f' "$n / ($ns / 1e9)") posts/s"
		rm -f "$db.new-wal" "$db.new-shm"
		mv "$db.new" "$db"
		rm -rf "$dir/site-$n"
	else
		# bring a store made by an older finews-import up to date
		mkdir -p "$dir/empty/_posts"
		"$IMPORT" --db "$db" "$dir/empty/_posts" >"$dir/upgrade.log" 2>&1 ||
			{ cat "$dir/upgrade.log" >&2
			  bench_die "$db: finews-import failed; BENCH_SCALE_FRESH=1 makes it again"; }
	fi

	[ "${BENCH_SCALE_PREPARE:-0}" = 1 ] && continue

	run=$dir/run-$n
	rm -rf "$run"
	mkdir -p "$run"
	bench_urls "$db"
	deep=$((CAT_PAGES * 3 / 5))
	[ "$deep" -ge 1 ] || deep=1
	bench_serve "$db" "$run"
	curl -s -g -f -o "$run/www/static-article.html" "$BASE$ARTICLE" ||
		bench_die "cannot fetch the article $BASE$ARTICLE"
	busy=$(bench_busy)
	bench_busy_warn "$busy"
	echo "$n posts on $BASE ($busy% busy before): wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s after ${BENCH_WARMUP}s"
	while read -r name label path; do
		printf '  %-9s %s ... ' "$name" "$path"
		bench_load "$name" "$path"
		echo "$RPS req/s, p50 $P50 ms"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$label" "$path" \
			"$RPS" "$P50" "$P99" "$ERR" >>"$res"
	done <<EOF
static static_file /static-article.html
article article $ARTICLE
cat1 category_page_1 /$CAT/
deep category_page_$deep /$CAT/?page=$deep
search search_(2_chars) /search?q=%E6%B1%BD%E8%BD%A6
home home /
tag tag_page /tags/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/
feed feed /feed.xml
EOF
	rss_lines=$(bench_rss)
	echo "$rss_lines" | awk 'NF { printf "  rss, %s %s: %.1f MB (anon %.1f, file %.1f, peak %.1f)\n",
		$2, $1, $3 / 1024, $4 / 1024, $5 / 1024, $6 / 1024 }'
	bench_unserve
done

if [ "${BENCH_SCALE_PREPARE:-0}" = 1 ]; then
	echo "bench-scale: stores ready in $dir"
	exit 0
fi
echo
echo "finews bench-scale: $small -> $large posts, $(nproc) CPUs, wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s"
echo
awk -F '\t' -v s="$small" -v l="$large" '
	$1 == s { p50s[$2] = $6; p99s[$2] = $7; rs[$2] = $5 }
	$1 == l { p50l[$2] = $6; p99l[$2] = $7; rl[$2] = $5; lab[$2] = $3; ord[++k] = $2 }
	{ err += $8 }
	END {
		printf "%-18s %8s %8s %6s   %8s %8s %6s  %s\n", "p50 / p99 ms", "@" s, "@" l, "ratio",
			"@" s, "@" l, "ratio", "target"
		for (i = 1; i <= k; i++) { x = ord[i]; t = ""
			r50 = p50s[x] > 0 ? p50l[x] / p50s[x] : 0
			r99 = p99s[x] > 0 ? p99l[x] / p99s[x] : 0
			if (x == "article" || x == "cat1" || x == "deep" || x == "search")
				t = (r50 <= 1.5 ? "met" : "MISSED") " (<= 1.5x)"
			l2 = lab[x]; gsub(/_/, " ", l2); if (x == "deep") l2 = "category page deep"
			printf "%-18s %8.2f %8.2f %5.2fx   %8.2f %8.2f %5.2fx  %s\n",
				l2, p50s[x], p50l[x], r50, p99s[x], p99l[x], r99, t
		}
		printf "errors or non-2xx answers: %d\n", err
	}' "$res"
awk -F '\t' '$2 == "deep" { printf "deep page at %s posts: %s\n", $1, $4 }' "$res"
echo "$rss_lines" | awk -v l="$large" '
	NF { printf "rss at %s posts, %s %s: %.1f MB (anon %.1f, file %.1f)", l, $2, $1,
		$3 / 1024, $4 / 1024, $5 / 1024
	     if ($2 != "master") printf "  %s (< 30 MB)", ($3 < 30 * 1024 ? "met" : "MISSED")
	     printf "\n" }'
{
	echo "posts,measure,label,path,requests_per_s,p50_ms,p99_ms,errors"
	tr '\t' ',' <"$res"
	echo "$rss_lines" | awk -v l="$large" 'NF { printf "%s,rss_%s_%s,resident memory MB,,%.1f,,,\n", l, $2, $1, $3 / 1024 }'
} >"$dir/scale.csv"
echo "written: $dir/scale.csv"
errors=$(awk -F '\t' '{ e += $8 } END { print e + 0 }' "$res")
[ "$errors" -eq 0 ] || { echo "!! $errors errors or non-2xx answers (see $dir/run-*/wrk-*.txt)" >&2; exit 1; }
exit 0

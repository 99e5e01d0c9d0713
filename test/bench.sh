#!/bin/sh
# test/bench.sh [N] - the benchmark of `make bench` (N posts, default
# 100000, or $N).
#
#   1. generates a synthetic N-post site into build/bench/site-N (once:
#      reused while it is there), imports it into a new store and times
#      the import: fresh (posts/s), re-run over the unchanged site (s),
#      and one new post (gen-site --one) given as its file (ms);
#   2. serves the store with build/finews.fcgi and nginx from conf/ (as
#      `make run` does) on a free loopback port, and has that same nginx
#      serve the article page, saved as a file, as a static file too;
#   3. loads each page kind with wrk (BENCH_THREADS threads,
#      BENCH_CONNECTIONS connections, BENCH_SECONDS seconds after a
#      BENCH_WARMUP-second warm-up): home, category page 1, a deep
#      category page (page 1000, or half the pages when there are fewer
#      than 1000), an article, its share link, a tag page, a search, the
#      feed, and the static file; again the article and home through
#      conf/'s nginx micro-cache, when conf/ has one;
#   4. prints one table: requests/s, median and 99th-percentile latency,
#      throughput as a ratio to the static file and to the FastCGI
#      floor, errors; the import
#      figures; the finews.fcgi processes' resident memory; the targets.
#      The same table is written to build/bench/bench-N.csv.
#
# Exit status 1 when any load saw a socket error or a non-2xx answer (or
# a command failed); missed targets are printed, not failed.
# See test/lib-bench.sh for the settings.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BENCH_NAME=bench
. "$top/test/lib-bench.sh"

n=${1:-${N:-100000}}
case $n in
'' | *[!0-9]*) echo "usage: sh test/bench.sh [N]" >&2; exit 2 ;;
esac
[ "$n" -ge 100 ] || bench_die "N must be at least 100"
bench_need "$FCGI" "$IMPORT" "$GEN" "$NGINX" wrk curl sqlite3

dir=$top/build/bench
site=$dir/site-$n
db=$dir/store-$n.db
run=$dir/run-$n
csv=$dir/bench-$n.csv
res=$run/results
# a generated post is about 4 KB as a file and 4 KB in the store
bench_room "$dir" $((n / 100 + 200))
rm -rf "$run"
mkdir -p "$run"

# ---- 1. import ----------------------------------------------------------

bench_site "$site" "$n"
rm -f "$db" "$db-wal" "$db-shm"
echo "importing $n posts into $db"
timed "$run/import-fresh.log" "$IMPORT" --db "$db" "$site"
fresh_ns=$ns
timed "$run/import-rerun.log" "$IMPORT" --db "$db" "$site"
rerun_ns=$ns
# one new post, later than all the others, as a scraper would drop it
rm -rf "$run/new"; mkdir -p "$run/new/_posts"
"$GEN" --one "$run/new" "$n" || bench_die "gen-site --one failed"
new=$(ls "$run/new/_posts")
[ -n "$new" ] || bench_die "gen-site --one wrote nothing"
mv "$run/new/_posts/$new" "$site/_posts/$new"
timed "$run/import-one.log" "$IMPORT" --db "$db" "$site/_posts/$new"
one_ns=$ns
rm -f "$site/_posts/$new"   # the site stays at N posts for the next run
for f in fresh rerun one; do
	printf '  %-6s %s\n' "$f:" "$(tail -n 1 "$run/import-$f.log")"
done

# ---- 2. serve -----------------------------------------------------------

bench_urls "$db"
deep=1000
[ "$CAT_PAGES" -ge 1000 ] || deep=$(((CAT_PAGES + 1) / 2))
bench_serve "$db" "$run"
curl -s -g -f -o "$run/www/static-article.html" "$BASE$ARTICLE" ||
	bench_die "cannot fetch the article $BASE$ARTICLE"
echo "serving on $BASE; static copy of $ARTICLE: $(wc -c <"$run/www/static-article.html") bytes"

# ---- 3. loads -----------------------------------------------------------

: >"$res"
# load NAME LABEL PATH: one wrk run, its figures appended to $res.
load() {
	printf '  %-14s %s ... ' "$1" "$3"
	bench_load "$1" "$3"
	echo "$RPS req/s"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$RPS" "$P50" "$P99" "$ERR" >>"$res"
}
busy=$(bench_busy)
bench_busy_warn "$busy"
echo "loading: wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s after ${BENCH_WARMUP}s"
load static "static file (nginx)" /static-article.html
load floor "FastCGI floor" /_floor
load home "home" /
load cat1 "category page 1" "/$CAT/"
load deep "category page $deep" "/$CAT/?page=$deep"
load article "article" "$ARTICLE"
[ -n "$SHARE" ] && load share "share link" "$SHARE"
load tag "tag page" "/tags/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/"
load search "search (2 chars)" "/search?q=%E6%B1%BD%E8%BD%A6"
load feed "feed" /feed.xml
rss_lines=$(bench_rss)
if bench_cache_available; then
	bench_serve "$db" "$run" cache
	load article-cache "article, micro-cache" "$ARTICLE"
	load home-cache "home, micro-cache" /
	cache_note=
else
	cache_note="micro-cache: not available in conf/"
fi

# ---- 3b. bytes: pages gzipped (finews compresses, README: Compression) --
# The article, home and a category page again for a client that takes
# gzip, without the micro-cache (so every answer is compressed anew), and
# the bytes of each page plain and gzipped.
bench_serve "$db" "$run"
gz_bytes=
# load_gz NAME LABEL PATH PAGE: as load, with Accept-Encoding: gzip; PAGE
# names it on its line of bytes.
load_gz() {
	printf '  %-14s %s ... ' "$1" "$3"
	wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" \
		-H 'Accept-Encoding: gzip' "$BASE$3" </dev/null >/dev/null 2>&1
	wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" --timeout 10s \
		--latency -H 'Accept-Encoding: gzip' "$BASE$3" </dev/null >"$run/wrk-$1.txt" 2>&1
	rps=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$run/wrk-$1.txt")
	err=$(awk '/Non-2xx or 3xx responses:/ { e += $NF }
		/Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
		END { print e + 0 }' "$run/wrk-$1.txt")
	p50=$(_ms "$(awk '$1 == "50%" { print $2 }' "$run/wrk-$1.txt")")
	p99=$(_ms "$(awk '$1 == "99%" { print $2 }' "$run/wrk-$1.txt")")
	echo "${rps:-0} req/s"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${rps:-0}" "$p50" "$p99" "${err:-1}" >>"$res"
	plain=$(curl -s -g "$BASE$3" | wc -c)
	packed=$(curl -s -g -H 'Accept-Encoding: gzip' "$BASE$3" | wc -c)
	gz_bytes="$gz_bytes$(printf '%-28s %6d B plain %6d B gzip  (%.0f%%)' "bytes, $4" \
		"$plain" "$packed" "$(echo "$packed $plain" | awk '{ print 100 * $1 / $2 }')")
"
}
load_gz article-gz "article, gzip" "$ARTICLE" article
load_gz home-gz "home, gzip" / home
load_gz cat1-gz "category page 1, gzip" "/$CAT/" "category page 1"
# ---- end of 3b ----------------------------------------------------------
bench_unserve

# ---- 4. report ----------------------------------------------------------

commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$top" diff --quiet HEAD -- cgi sql templates conf 2>/dev/null || commit="$commit+changes"
fresh_rate=$(calc '%.0f' "$n / ($fresh_ns / 1e9)")
rerun_s=$(calc '%.2f' "$rerun_ns / 1e9")
one_ms=$(calc '%.1f' "$one_ns / 1e6")

{
	echo "measure,label,path,requests_per_s,p50_ms,p99_ms,ratio_to_static,errors,value,unit,ratio_to_floor"
	awk -F '\t' '$1 == "static" { s = $4 } $1 == "floor" { fl = $4 } { r[NR] = $0 }
		END { for (i = 1; i <= NR; i++) { split(r[i], f, "\t")
			printf "%s,%s,%s,%s,%s,%s,%.3f,%s,,,%.3f\n", f[1], f[2], f[3], f[4],
				f[5], f[6], (s > 0 ? f[4] / s : 0), f[7], (fl > 0 ? f[4] / fl : 0) } }' "$res"
	echo "import_fresh,fresh import of $n posts,,,,,,,$fresh_rate,posts/s"
	echo "import_unchanged,re-run over $n unchanged posts,,,,,,,$rerun_s,s"
	echo "import_one,one new post as a file,,,,,,,$one_ms,ms"
	echo "$rss_lines" | awk 'NF { printf "rss_%s_%s,resident memory of finews.fcgi %s %s,,,,,,,%.1f,MB\n", $2, $1, $2, $1, $3 / 1024 }'
	echo "posts,posts in the store,,,,,,,$((n + 1)),"
	echo "wrk,threads connections seconds,,,,,,,$BENCH_THREADS $BENCH_CONNECTIONS $BENCH_SECONDS,"
	echo "cpus,online CPUs,,,,,,,$(nproc),"
	echo "cpu_busy_before,CPU busy before the loads (other programs),,,,,,,$busy,%"
	echo "commit,finews,,,,,,,$commit,"
} >"$csv"

echo
echo "finews bench: $n posts, $(nproc) CPUs ($busy% busy before), wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s, $commit"
echo
awk -F '\t' '$1 == "static" { s = $4 } $1 == "floor" { fl = $4 } { r[NR] = $0 }
	END {
		printf "%-22s %9s %8s %8s %10s %10s %7s\n", "page", "req/s", "p50 ms",
			"p99 ms", "vs static", "vs floor", "errors"
		for (i = 1; i <= NR; i++) { split(r[i], f, "\t")
			printf "%-22s %9.0f %8.2f %8.2f %9.1f%% %9.1f%% %7d\n", f[2], f[4],
				f[5], f[6], (s > 0 ? 100 * f[4] / s : 0),
				(fl > 0 ? 100 * f[4] / fl : 0), f[7] }
	}' "$res"
echo "(vs floor: against the FastCGI floor, /_floor, which reads nothing;"
echo " the micro-cached rows are answered by nginx alone: see vs static)"
[ -n "$cache_note" ] && echo "($cache_note)"
echo
printf '%-22s %9s posts/s\n' "import, fresh" "$fresh_rate"
printf '%-22s %9s s\n' "import, unchanged" "$rerun_s"
printf '%-22s %9s ms\n' "import, one new post" "$one_ms"
echo "$rss_lines" | awk 'NF { printf "%-22s %9.1f MB  (anon %.1f, file %.1f, peak %.1f)\n",
	"rss, " $2 " " $1, $3 / 1024, $4 / 1024, $5 / 1024, $6 / 1024 }'
echo
printf '%s\n' "$gz_bytes"   # 3b
echo "targets:"
awk -F '\t' -v n="$n" -v rss="$(echo "$rss_lines" | awk '$2 != "master" && $3 > m { m = $3 } END { print m + 0 }')" '
	{ rps[$1] = $4; p50[$1] = $5; err += $7 }
	function v(ok) { return ok ? "met" : "MISSED" }
	# the page NAME (LABEL) at least SHARE of the FastCGI floor
	function floor_target(name, label, share,   a) {
		a = fl > 0 ? rps[name] / fl : 0
		printf "  %-36s %4.0f%%  %s\n", sprintf("%s >= %d%% of the floor:", label,
			100 * share), 100 * a, v(a >= share)
	}
	END {
		fl = rps["floor"]
		floor_target("article", "article", 0.85)
		floor_target("home", "home", 0.5)
		floor_target("cat1", "category page 1", 0.5)
		floor_target("tag", "tag page", 0.5)
		floor_target("search", "search (2 chars)", 0.2)
		if ("article-cache" in rps) {
			a = rps["article-cache"] / rps["static"]
			printf "  %-36s %4.0f%%  %s\n", "article, micro-cache >= 85% of static:",
				100 * a, v(a >= 0.85)
		}
		d = p50["deep"] / p50["cat1"]
		printf "  deep page p50 <= 1.5 x page 1:        %.2fx  %s\n", d, v(d <= 1.5)
		printf "  each worker < 30 MB resident:      %5.1f MB  %s%s\n", rss / 1024,
			v(rss < 30 * 1024), n < 1000000 ? " (the target is at 1,000,000 posts)" : ""
		printf "  no errors, no non-2xx answers:      %5d    %s\n", err, v(err == 0)
	}' "$res"
echo
bench_busy_warn "$busy"
echo "written: $csv"
errors=$(awk -F '\t' '{ e += $7 } END { print e + 0 }' "$res")
if [ "$errors" -ne 0 ]; then
	echo "!! $errors errors or non-2xx answers in the loads (wrk output in $run/wrk-*.txt)" >&2
	exit 1
fi
exit 0

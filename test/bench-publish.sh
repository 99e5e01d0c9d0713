#!/bin/sh
# test/bench-publish.sh - `make bench-publish`: publishing one new post,
# Jekyll against finews.  Needs `jekyll` (Debian: apt-get install jekyll);
# without it, it says so and exits 0.  It installs nothing.
#
# For each size (BENCH_PUBLISH_SIZES, default "2000 17000"), in
# build/bench-publish/N, a generated site (test/gen-site) with a minimal
# post layout and home page of the bench's own (the site's theme is not
# packaged; jekyll-feed is kept when Ruby has it), then:
#   1. `jekyll build` of the whole site, and a fresh finews-import;
#   2. one new post (gen-site --one): a full `jekyll build` again, as the
#      old site did after each scrape, until the post's page is written;
#   3. finews: finews-import of the new post's file, then GETs of its URL
#      through finews.fcgi and nginx (running) until it answers 200; the
#      median of BENCH_PUBLISH_REPEAT (default 5) new posts;
#   4. with BENCH_PUBLISH_INCREMENTAL=1, `jekyll build --incremental`
#      for that same one new post (step 1 is then an incremental build
#      too, which writes Jekyll's metadata).  Off by default: it adds
#      two long builds (Jekyll 4.3, 17,000 posts: 1,029 s for the whole
#      site with --incremental, 502 to 951 s without, in different runs).
# Each jekyll build is bounded by `timeout 1200` (BENCH_JEKYLL_TIMEOUT);
# an incremental build that takes longer is reported as such, a full one
# stops the benchmark.  Prints the times and the ratios, and writes
# build/bench-publish/publish.csv.
# Target: one new post readable in under 100 ms at 17,000 posts.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BENCH_NAME=bench-publish
. "$top/test/lib-bench.sh"

if ! command -v jekyll >/dev/null 2>&1; then
	echo "bench-publish: jekyll is not installed, skipping (Debian: apt-get install jekyll)"
	exit 0
fi
sizes=${BENCH_PUBLISH_SIZES:-2000 17000}
repeat=${BENCH_PUBLISH_REPEAT:-5}
bench_need "$FCGI" "$IMPORT" "$GEN" "$NGINX" curl timeout
dir=$top/build/bench-publish
mkdir -p "$dir"
res=$dir/results
: >"$res"

jtimeout=${BENCH_JEKYLL_TIMEOUT:-1200}

# jekyll_build LOG [OPTIONS]: a jekyll build of $site bounded by
# $jtimeout seconds; $ns is its time.  Status 124 when it took longer;
# any other failure stops the benchmark.
jekyll_build() {
	_jl=$1
	shift
	_t0=$(now_ns)
	_rc=0
	timeout "$jtimeout" jekyll build --source "$site" \
		--destination "$site/_site" "$@" >"$_jl" 2>&1 || _rc=$?
	ns=$(($(now_ns) - _t0))
	[ "$_rc" -eq 0 ] || [ "$_rc" -eq 124 ] ||
		{ tail -n 20 "$_jl" >&2; bench_die "jekyll build $* failed (exit $_rc; see $_jl)"; }
	return "$_rc"
}

# new_post N: add post N to the site; print its file name.
new_post() {
	rm -rf "$work/new"
	mkdir -p "$work/new/_posts"
	"$GEN" --one "$work/new" "$1" || bench_die "gen-site --one failed"
	_f=$(ls "$work/new/_posts")
	[ -n "$_f" ] || bench_die "gen-site --one wrote nothing"
	mv "$work/new/_posts/$_f" "$site/_posts/$_f"
	echo "$_f"
}

# url_of FILE: the new post's URL in finews, from its front matter:
# /<categories>/<yyyy>/<mm>/<dd>/<slug>.html, the day as written (the
# generated posts have one category and a local date).
url_of() {
	awk -v f="$1" '
		/^---/ { if (++fm == 2) exit; next }
		$1 == "categories:" { c = $2 }
		$1 == "date:" { split($2, d, "-") }
		END { s = f; sub(/^[0-9]+-[0-9]+-[0-9]+-/, "", s); sub(/\.[a-z]+$/, "", s)
		      printf "/%s/%s/%s/%s/%s.html\n", c, d[1], d[2], d[3], s }' "$site/_posts/$1"
}

# jekyll_wrote FILE: Jekyll wrote the post's page.  Found by its slug:
# Jekyll (4.3) takes a date written without an offset as UTC, so its day
# in the URL may be the next one.
jekyll_wrote() {
	_slug=${1#????-??-??-}
	_slug=${_slug%.*}
	[ -n "$(find "$site/_site" -name "$_slug.html" | head -n 1)" ]
}

# ms NS: as milliseconds.
ms() { calc '%.1f' "$1 / 1e6"; }
# s NS: as seconds.
s() { calc '%.2f' "$1 / 1e9"; }

for n in $sizes; do
	case $n in
	'' | *[!0-9]*) bench_die "BENCH_PUBLISH_SIZES: '$n' is not a number" ;;
	esac
	work=$dir/$n
	site=$work/site
	db=$work/finews.db
	rm -rf "$work"
	mkdir -p "$work"
	bench_room "$dir" $((n * 12 / 1000 + 200))
	echo "== $n posts, in $work"
	"$GEN" "$site" "$n" || bench_die "gen-site failed"
	# The site's theme (jekyll-theme-minimal) is not packaged: a minimal
	# layout and home page instead; jekyll-feed only when Ruby has it.
	sed -i -e '/^theme:/d' "$site/_config.yml"
	if ! ruby -e 'require "jekyll-feed"' >/dev/null 2>&1; then
		sed -i -e '/^plugins:/,$d' "$site/_config.yml"
	fi
	mkdir -p "$site/_layouts"
	cat >"$site/_layouts/post.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ site.lang }}"><head><meta charset="utf-8">
<title>{{ page.title }} | {{ site.title }}</title></head>
<body><h1>{{ page.title }}</h1>
<p>{{ page.date | date: "%Y-%m-%d %H:%M" }} {{ page.categories | join: " " }}</p>
{{ content }}
</body></html>
EOF
	cat >"$site/index.html" <<'EOF'
---
---
<!DOCTYPE html>
<html lang="{{ site.lang }}"><head><meta charset="utf-8"><title>{{ site.title }}</title></head>
<body><ul>
{% for post in site.posts limit: 20 %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>
{% endfor %}</ul></body></html>
EOF

	# 1. the whole site (with --incremental, Jekyll also writes the
	# metadata that step 4 needs)
	incr=
	[ "${BENCH_PUBLISH_INCREMENTAL:-0}" = 1 ] && incr=--incremental
	jekyll_build "$work/jekyll-full.log" $incr ||
		bench_die "jekyll build $incr of $n posts took over $jtimeout s (BENCH_JEKYLL_TIMEOUT)"
	j_full=$ns
	echo "  jekyll build${incr:+ $incr}: $(s "$j_full") s"
	timed "$work/import.log" "$IMPORT" --db "$db" "$site"
	f_full=$ns
	echo "  finews-import: $(s "$f_full") s ($(tail -n 1 "$work/import.log"))"

	# 2. one new post: Jekyll's full rebuild (which leaves the metadata
	# of step 1 as it was)
	post=$(new_post "$n")
	first=$post
	url=$(url_of "$post")
	jekyll_build "$work/jekyll-rebuild.log" ||
		bench_die "jekyll build of $((n + 1)) posts took over $jtimeout s (BENCH_JEKYLL_TIMEOUT)"
	j_new=$ns
	jekyll_wrote "$post" || bench_die "jekyll wrote no page for $post"
	echo "  jekyll build, one new post: $(s "$j_new") s"

	# 3. finews: import the file, GET until 200
	bench_serve "$db" "$work/run"
	: >"$work/finews-new"
	extra=
	i=0
	while [ "$i" -lt "$repeat" ]; do
		if [ "$i" -gt 0 ]; then
			post=$(new_post $((n + i)))
			url=$(url_of "$post")
			extra="$extra $post"
		fi
		[ "$(_code "$BASE$url")" = 404 ] || bench_die "$url is there before its import"
		t0=$(now_ns)
		"$IMPORT" --db "$db" "$site/_posts/$post" >"$work/import-new.log" 2>&1 ||
			{ cat "$work/import-new.log" >&2; bench_die "finews-import $post failed"; }
		tries=0
		while [ "$(_code "$BASE$url")" != 200 ]; do
			tries=$((tries + 1))
			[ "$tries" -le 5000 ] || bench_die "$url not readable after its import"
		done
		echo $(($(now_ns) - t0)) >>"$work/finews-new"
		i=$((i + 1))
	done
	f_new=$(sort -n "$work/finews-new" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "  finews-import + GET $url: $(ms "$f_new") ms (median of $repeat: $(sort -n "$work/finews-new" | awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1e6 }') ms)"
	bench_unserve
	# the site again as Jekyll's metadata knows it, plus the first new post
	for f in $extra; do rm -f "$site/_posts/$f"; done

	# 4. Jekyll's incremental build, for the first new post (its page,
	# written by step 2, is removed first)
	j_incr=0
	if [ -n "$incr" ]; then
		slug=${first#????-??-??-}
		find "$site/_site" -name "${slug%.*}.html" -exec rm -f {} +
		if jekyll_build "$work/jekyll-incr.log" --incremental; then
			j_incr=$ns
			jekyll_wrote "$first" || bench_die "jekyll --incremental wrote no page for $first"
			echo "  jekyll build --incremental, one new post: $(s "$j_incr") s"
		else
			j_incr=-1
			echo "  jekyll build --incremental, one new post: over $jtimeout s, stopped"
		fi
	fi
	printf '%s %s %s %s %s %s\n' "$n" "$j_full" "$f_full" "$j_new" "$f_new" "$j_incr" >>"$res"
	rm -rf "$site/_site" "$site/.jekyll-cache" "$site/.jekyll-metadata"
done

echo
echo "finews bench-publish: $(nproc) CPUs; one new post readable, Jekyll against finews"
echo
awk -v jv="$(jekyll --version 2>/dev/null)" -v inc="${incr:+ --incr.}" '
	function f(ns) { return ns < 0 ? "timed out" : ns >= 1e9 ? sprintf("%.2f s", ns / 1e9) : sprintf("%.1f ms", ns / 1e6) }
	{ n[NR] = $1; jf[NR] = $2; ff[NR] = $3; jn[NR] = $4; fn[NR] = $5; ji[NR] = $6 }
	END {
		printf "%-34s", "posts"; for (i = 1; i <= NR; i++) printf " %12s", n[i]; print ""
		printf "%-34s", "whole site: jekyll build" inc; for (i = 1; i <= NR; i++) printf " %12s", f(jf[i]); print ""
		printf "%-34s", "whole site: finews-import"; for (i = 1; i <= NR; i++) printf " %12s", f(ff[i]); print ""
		printf "%-34s", "  ratio"; for (i = 1; i <= NR; i++) printf " %11.0fx", jf[i] / ff[i]; print ""
		printf "%-34s", "new post: jekyll build (full)"; for (i = 1; i <= NR; i++) printf " %12s", f(jn[i]); print ""
		if (ji[1] > 0) { printf "%-34s", "new post: jekyll --incremental"; for (i = 1; i <= NR; i++) printf " %12s", f(ji[i]); print "" }
		printf "%-34s", "new post: finews-import + GET"; for (i = 1; i <= NR; i++) printf " %12s", f(fn[i]); print ""
		printf "%-34s", "  ratio, full rebuild"; for (i = 1; i <= NR; i++) printf " %11.0fx", jn[i] / fn[i]; print ""
		if (ji[1] > 0) { printf "%-34s", "  ratio, --incremental"; for (i = 1; i <= NR; i++) printf " %11s", (ji[i] > 0 ? sprintf("%.0fx", ji[i] / fn[i]) : "-"); print "" }
		printf "(%s)\n", jv
	}' "$res"
{
	echo "posts,jekyll_build_s,finews_import_s,jekyll_new_post_s,finews_new_post_ms,jekyll_incremental_new_post_s"
	awk '{ printf "%s,%.3f,%.3f,%.3f,%.1f,%.3f\n", $1, $2 / 1e9, $3 / 1e9, $4 / 1e9, $5 / 1e6, $6 / 1e9 }' "$res"
} >"$dir/publish.csv"
echo
awk '{ last = $5; n = $1 } END {
	printf "target: one new post readable in under 100 ms at %s posts: %.1f ms, %s\n",
		n, last / 1e6, (last < 100e6 ? "met" : "MISSED") }' "$res"
echo "written: $dir/publish.csv"
exit 0

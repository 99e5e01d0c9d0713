#!/bin/sh
# Jekyll compatibility: every URL that Debian's real `jekyll build` made
# for a post still answers on finews (200, or redirects ending in 200)
# with the same title.  For two sites, the corpus (../shared/corpus/finews,
# when present) and test/jekyll-site (invented posts, one for each rule;
# see its README.md):
#
#   build A  the site as the old site had it: _posts/, category/*.html,
#            and old_post/ as a plain folder (pages /old_post/NAME.html);
#   build B  old_post/'s files as _posts/: the URLs they had before they
#            were archived.
#
# Each build runs in a copy of the site under $T (never in the corpus or
# in test/), with a second config that drops the theme and plugins (not
# packaged), the test's own minimal layouts, and a page urls.txt that
# lists every post's and page's URL, source and title.  The site folder
# is then imported with finews-import, served, and every URL fetched,
# redirects followed (at most 5, on this server only):
#
#   post (A, B)        final 200 and the same title (the article's <h1>),
#                      except where Jekyll saw no front matter (its title
#                      is then the slug's): 200 only
#   /old_post/NAME.html  final 200 and the post's title
#   /category/X.html   final 200 when finews has a post in category X
#                      (any case); a diagnostic either way
#
# Each URL is one TAP line; a failure names the URL, the file and its
# rule, what was wanted and what was got.  Skipped without jekyll.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v jekyll >/dev/null 2>&1 ||
	skip_all "jekyll is not installed (Debian package jekyll; make deps installs it)"
FIXTURE=$TOP/test/jekyll-site
TAB=$(printf '\t')

# Jekyll's extra config: the theme (jekyll-theme-minimal) and jekyll-feed
# are not packaged.  A null would not override the site's value (Jekyll
# keeps the old value when the new one is nil): false drops the theme,
# with a warning.
printf 'theme: false\nplugins: []\n' >"$T/override.yml"

# copy_site SRC DEST: a writable copy of a site, with the test's layouts
# and urls.txt.
copy_site() {
	rm -rf "$2"
	cp -R "$1" "$2" && chmod -R u+w "$2" || return 1
	rm -rf "$2/_site" "$2/.jekyll-cache" "$2/.jekyll-metadata"
	mkdir -p "$2/_layouts"
	for _l in default page post category; do
		cat >"$2/_layouts/$_l.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ site.lang }}"><head><meta charset="utf-8">
<title>{{ page.title }}</title></head>
<body><h1>{{ page.title }}</h1>
{{ content }}
</body></html>
EOF
	done
	# kind, URL, source, date, title: one line each, tab-separated
	printf '%s\n' '---' 'layout: null' '---' \
		'{% for p in site.posts %}post	{{ p.url }}	{{ p.path }}	{{ p.date | date: "%Y-%m-%d %H:%M:%S %z" }}	{{ p.title | strip_newlines }}' \
		'{% endfor %}{% for p in site.pages %}page	{{ p.url }}	{{ p.path }}	-	{{ p.title | strip_newlines }}' \
		'{% endfor %}' >"$2/urls.txt"
}

# jekyll_build DIR LOG: build the copy DIR into DIR/_site.
jekyll_build() {
	(cd "$1" && timeout 300 jekyll build --source . --destination _site \
		--config _config.yml,"$T/override.yml" --disable-disk-cache) \
		</dev/null >"$2" 2>&1
}

# no_front_matter FILE: Jekyll sees no front matter in the post FILE (its
# first line, without a BOM, is not "---").
no_front_matter() {
	! head -n 1 "$1" | sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' | grep -q '^---[[:space:]]*$'
}

# rule FILE: the fixture's "# rule:" comment of FILE, else nothing.
rule() {
	sed -n 's/^# rule: *//p' "$1" 2>/dev/null | head -n 1
}

# unescape: HTML text as written by finews (ctemplate's escapes) as text.
unescape() {
	sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&#34;/"/g' \
		-e "s/&#39;/'/g" -e "s/&#x27;/'/g" -e 's/&amp;/\&/g'
}

# fetch PATH: GET PATH, following redirects on this server (relative, or
# absolute to $BASE or the site's url), at most 5.  Sets CHAIN (e.g.
# "301 -> /a/ -> 200"), FSTATUS (the last status, or "off" / "loop"),
# FPATH (the last URL asked), GOT (the article's <h1>, unescaped, or "")
# and GOT_PAGE (the page's <title>, unescaped).
fetch() {
	_p=$1 CHAIN= _hops=0
	while :; do
		_s=$(curl -s -g --path-as-is --max-time 20 -o "$T/body" -D "$T/headers" \
			-w '%{http_code}' "$BASE$_p" </dev/null)
		CHAIN="$CHAIN$_s"
		case $_s in 301 | 302 | 303 | 307 | 308) ;; *) break ;; esac
		_loc=$(tr -d '\r' <"$T/headers" | sed -n 's/^[Ll]ocation: *//p' | head -n 1)
		case $_loc in
		"$BASE"/*) _loc=${_loc#"$BASE"} ;;
		"$SITE_URL"/*) _loc=${_loc#"$SITE_URL"} ;;
		//* | '') _s=off ;;
		/*) ;;
		*) _s=off ;;
		esac
		if [ "$_s" = off ]; then
			CHAIN="$CHAIN -> '$_loc' (not on this server)"
			break
		fi
		_hops=$((_hops + 1))
		if [ "$_hops" -gt 5 ]; then
			_s=loop CHAIN="$CHAIN (more than 5 redirects)"
			break
		fi
		_p=$_loc
		CHAIN="$CHAIN -> $_p -> "
	done
	FSTATUS=$_s FPATH=$_p
	GOT=$(sed -n 's/.*<h1 class="article-title"[^>]*>\(.*\)<\/h1>.*/\1/p' "$T/body" | head -n 1 | unescape)
	GOT_PAGE=$(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$T/body" | head -n 1 | unescape)
}

# got: what fetch found, for a failure's description.
got() {
	if [ -n "$GOT" ]; then
		printf '%s, title "%s"' "$CHAIN" "$GOT"
	else
		printf '%s, no article (<title> "%s")' "$CHAIN" "$GOT_PAGE"
	fi
}

# tap_ok STATUS TEXT: ok, with any "#" in TEXT escaped for TAP.
tap_ok() {
	ok "$1" "$(printf '%s' "$2" | sed 's/#/\\#/g')"
}

# check WHAT URL TITLE ABOUT: URL answers 200 after redirects, with the
# article TITLE (TITLE "-": any page).  ABOUT says where the URL came from.
check() {
	fetch "$2"
	_bad=$((_bad + 1))
	if [ "$FSTATUS" = 200 ] && { [ "$3" = - ] || [ "$GOT" = "$3" ]; }; then
		_bad=$((_bad - 1))
		tap_ok 0 "$1 $2"
	elif [ "$3" = - ]; then
		tap_ok 1 "$1 $2 ($4): want 200 (any title); got $(got)"
	else
		tap_ok 1 "$1 $2 ($4): want 200 with title \"$3\"; got $(got)"
	fi
}

# about SITE FILE DATE: where a post's URL came from, for messages: the
# file, its date as written and as Jekyll took it, the fixture's rule.
about() {
	_r=$(rule "$1/$2")
	_w=$(sed -n 's/^date:[[:space:]]*//p' "$1/$2" | head -n 1 | tr -d '\r')
	printf '%s, date %s, to Jekyll %s%s' "$2" "${_w:-(none)}" "$3" "${_r:+; rule: $_r}"
}

# check_posts NAME SITE LIST ORIGIN: check every post of a build's
# urls.txt LIST; ORIGIN is the folder its _posts came from in SITE.
check_posts() {
	while IFS=$TAB read -r _k _u _f _d _t <&3; do
		[ "$_k" = post ] || continue
		_title=$_t
		no_front_matter "$2/$4/${_f#_posts/}" && _title=-
		check "$1 post" "$_u" "$_title" "$(about "$2" "$4/${_f#_posts/}" "$_d")"
	done 3<"$3"
}

# check_site NAME SITE: builds A and B of SITE, its import, every URL.
check_site() {
	name=$1 site=$2
	a=$T/$name-a b=$T/$name-b db=$T/$name.db
	SITE_URL=$(sed -n 's/^url:[[:space:]]*//p' "$site/_config.yml" | tr -d "\"'\r" | sed 's:/*[[:space:]]*$::' | head -n 1)
	nposts=$(ls "$site/_posts" | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}-.+\.(md|markdown|html)$')
	nold=0 noldpages=0
	if [ -d "$site/old_post" ]; then
		nold=$(ls "$site/old_post" | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}-.+\.(md|markdown|html)$')
		for _f in "$site"/old_post/*.md "$site"/old_post/*.markdown "$site"/old_post/*.html; do
			[ -f "$_f" ] && ! no_front_matter "$_f" && noldpages=$((noldpages + 1))
		done
	fi
	ncat=$(ls "$site/category" 2>/dev/null | grep -c '\.html$')

	# build A: the site as it was
	copy_site "$site" "$a" || bail "$name: cannot copy $site"
	jekyll_build "$a" "$T/$name-a.log"
	rc=$?
	ok "$rc" "$name: jekyll build A (the site as it was) exits 0"
	[ "$rc" -eq 0 ] || { tail -n 20 "$T/$name-a.log" | sed 's/^/# /'; return; }
	grep "^post$TAB" "$a/_site/urls.txt" >"$T/$name-a.posts"
	grep "^page$TAB/old_post/[^/]*\.html$TAB" "$a/_site/urls.txt" >"$T/$name-a.old"
	grep "^page$TAB[^$TAB]*${TAB}category/" "$a/_site/urls.txt" >"$T/$name-a.cat"
	is "$(wc -l <"$T/$name-a.posts" | tr -d ' ')" "$nposts" \
		"$name: build A has a post URL for each of the $nposts dated files in _posts/"
	ok "$([ "$(wc -l <"$T/$name-a.posts")" -ge "$min_posts" ]; echo $?)" \
		"$name: build A has at least $min_posts post URLs"
	is "$(wc -l <"$T/$name-a.old" | tr -d ' ')" "$noldpages" \
		"$name: build A has a page /old_post/NAME.html for each of the $noldpages old_post files with front matter"
	is "$(find "$a/_site/old_post" -name '*.html' 2>/dev/null | wc -l | tr -d ' ')" "$noldpages" \
		"$name: build A wrote them into _site/old_post/"
	is "$(wc -l <"$T/$name-a.cat" | tr -d ' ')" "$ncat" \
		"$name: build A has a page for each of the $ncat category/*.html files"

	# build B: old_post's files as _posts
	: >"$T/$name-b.posts"
	if [ "$nold" -gt 0 ]; then
		copy_site "$site" "$b" || bail "$name: cannot copy $site"
		rm -rf "$b/_posts"
		mv "$b/old_post" "$b/_posts"
		jekyll_build "$b" "$T/$name-b.log"
		rc=$?
		ok "$rc" "$name: jekyll build B (old_post/ as _posts/) exits 0"
		if [ "$rc" -eq 0 ]; then
			grep "^post$TAB" "$b/_site/urls.txt" >"$T/$name-b.posts"
		else
			tail -n 20 "$T/$name-b.log" | sed 's/^/# /'
		fi
		is "$(wc -l <"$T/$name-b.posts" | tr -d ' ')" "$nold" \
			"$name: build B has a post URL for each of the $nold dated files in old_post/"
	fi

	# the fixture: what Jekyll made of each written date
	if [ "$name" = fixture ]; then
		echo "# fixture: file, date as written -> Jekyll's date and URL"
		for _l in "$T/$name-a.posts" "$T/$name-b.posts"; do
			_dir=_posts
			[ "$_l" = "$T/$name-b.posts" ] && _dir=old_post
			while IFS=$TAB read -r _k _u _f _d _t; do
				_w=$(sed -n 's/^date:[[:space:]]*//p' "$site/$_dir/${_f#_posts/}" | head -n 1)
				echo "#   $_dir/${_f#_posts/}: ${_w:-(none)} -> $_d $_u"
			done <"$_l"
		done
	fi

	# finews: the site folder imported, served
	"$IMPORT" --db "$db" "$site" >"$T/$name-import.out" 2>&1
	rc=$?
	ok "$([ "$rc" -le 1 ]; echo $?)" "$name: finews-import of the site writes the store (exit $rc)"
	sed 's/^/# import: /' "$T/$name-import.out"
	[ "$rc" -le 1 ] || return
	serve "$db"

	_bad=0
	check_posts "$name A" "$site" "$T/$name-a.posts" _posts
	check_posts "$name B" "$site" "$T/$name-b.posts" old_post
	while IFS=$TAB read -r _k _u _f _d _t <&3; do
		check "$name A old_post page" "$_u" "$_t" "$_f"
	done 3<"$T/$name-a.old"
	while IFS=$TAB read -r _k _u _f _d _t <&3; do
		_c=$(sed -n 's/^category:[[:space:]]*//p' "$site/$_f" | head -n 1 |
			sed -e 's/\r$//' -e 's/[[:space:]]*$//' -e "s/^[\"']\(.*\)[\"']\$/\1/")
		[ -n "$_c" ] || { _c=${_f#category/}; _c=${_c%.html}; }
		_cq=$(printf '%s' "$_c" | sed "s/'/''/g")
		_cp=$(printf '%s' "$_cq" | tr -s ' \t' '//')
		_cnt=$(q "$db" "SELECT count(*) FROM posts WHERE category_path = '$_cp' COLLATE NOCASE
			OR id IN (SELECT pc.post_id FROM post_categories pc JOIN categories c
			ON c.id = pc.category_id WHERE c.slug = '$_cq' COLLATE NOCASE)" </dev/null 2>/dev/null)
		if [ "${_cnt:-0}" -gt 0 ]; then
			check "$name A category page" "$_u" - "$_f, category '$_c': $_cnt posts in finews"
		else
			fetch "$_u"
			echo "# $name A category page $_u ($_f, category '$_c', no posts in finews, not required): $CHAIN, <title> \"$GOT_PAGE\""
		fi
	done 3<"$T/$name-a.cat"
	echo "# $name: $_bad URLs failed"
	stop_server
}

if [ -d "$CORPUS/_posts" ]; then
	min_posts=50
	check_site corpus "$CORPUS"
else
	ok 0 "corpus # SKIP no corpus beside the checkout ($CORPUS)"
fi
min_posts=10
check_site fixture "$FIXTURE"
done_testing

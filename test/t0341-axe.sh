#!/bin/sh
# axe-core in Debian's chromium on every kind of page (home, category,
# oldest page of a category, the stream /all/, tag, article, article
# with a table and a picture, search (results, filtered, empty), the
# source index, the tag index, 404, an unknown share code, a post taken
# down), light and dark, 390 and 1280 px: no violation.  A screenshot
# of each is kept in build/screenshots/ (name-width-scheme.png).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-browser.sh"

import_details_site
"$IMPORT" --db "$T/db" --remove NW202112212200000002 2>>"$T/import.err" ||
	bail "take-down failed: $(cat "$T/import.err")"
serve "$T/db"

keep="$TOP/build/screenshots"
mkdir -p "$keep"
browser axe.cjs "$BASE" "$keep" \
	home=/ \
	category=/emnews/ \
	category-oldest=/emnews/?page=1 \
	stream=/all/ \
	tag=/tags/%E7%BB%8F%E6%B5%8E%E6%97%A5%E6%8A%A5%E6%96%B0%E9%97%BB/ \
	article=/jingjiribao/2021/12/16/NW202112162229918840.html \
	table=/jingjiribao/2021/12/20/NW202112202200000001.html \
	search=/search?q=%E7%BB%8F%E6%B5%8E \
	search-filtered=/search?q=%E7%BB%8F%E6%B5%8E\&cat=jingjiribao\&from=2021-12-01\&to=2021-12-31 \
	search-empty=/search \
	sources=/category/ \
	tags=/tags/ \
	notfound=/no/such/page \
	share-unknown=/html_News/NewsShare.html?infoCode=NW999999999 \
	gone=/jingjiribao/2021/12/21/NW202112212200000002.html
for shot in home-390-light article-1280-dark table-390-dark; do
	/usr/bin/python3 "$TOP/test/png-check.py" "$keep/$shot.png" >"$T/png.out" 2>&1
	ok $? "screenshot $shot is not blank"
done
echo "# screenshots in $keep"
done_testing

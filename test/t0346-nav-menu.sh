#!/bin/sh
# The navigation menu: the 6 categories with the most posts, shown in the
# order of their slugs, so that an import that changes the counts moves
# nothing, and one that brings a category into the 6 only puts it in its
# place; labels tell categories apart (two wires whose posts all carry
# the tag 东财滚动新闻 show two names); a category outside the menu is
# shown, marked current, on its own page.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

. "$(dirname "$0")/lib-menu.sh"
posts wire-a 12 东财滚动新闻
posts wire-b 11 东财滚动新闻
posts alpha 10
posts bravo 9
posts charlie 8
posts delta 7
posts echo 6
posts golf 2
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
serve "$T/db"

# nav PATH: the navigation's links on that page, one a line
nav() {
	get "$1"
	sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/body" |
		grep -oE 'href="[^"]*"' | sed -e 's/^href="//' -e 's/"$//'
}
label() {
	sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/body" |
		sed -n "s|.*<a href=\"/$1/\"[^>]*>\([^<]*\)</a>.*|\1|p"
}

menu="/
/alpha/
/bravo/
/charlie/
/delta/
/wire-a/
/wire-b/
/category/"
is "$(nav /)" "$menu" "the menu: the 6 with most posts, by slug"
a=$(label wire-a) b=$(label wire-b)
like "$a" "东财滚动新闻" "wire-a's label names its tag ($a)"
like "$b" "东财滚动新闻" "wire-b's label names its tag ($b)"
ok $([ -n "$a" ] && [ "$a" != "$b" ]; echo $?) "two wires with one tag: two labels"
get / && cp "$T/body" "$T/home.before"
sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/home.before" >"$T/nav.before"

is "$(nav /golf/)" "/
/alpha/
/bravo/
/charlie/
/delta/
/wire-a/
/wire-b/
/golf/
/category/" "a category outside the menu: shown on its own page"
like "$(sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/body")" \
	'<a href="/golf/" class="current" aria-current="page">' "... marked current"

# charlie grows past every other, delta by one: the order stays.
posts charlie 6
posts delta 1
"$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.err" || bail "second import failed"
is "$(q "$T/db" "SELECT slug FROM categories ORDER BY posts DESC, slug LIMIT 1")" charlie \
	"charlie now has the most posts"
get /
sed -n '/<nav class="site-nav"/,/<\/nav>/p' "$T/body" >"$T/nav.after"
is "$(cat "$T/nav.after")" "$(cat "$T/nav.before")" "after an import that changes the counts: the same navigation"

# echo passes delta: it takes delta's place, in slug order.
posts echo 4
"$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.err" || bail "third import failed"
is "$(nav /)" "/
/alpha/
/bravo/
/charlie/
/echo/
/wire-a/
/wire-b/
/category/" "a category entering the 6 takes its place by slug"

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing

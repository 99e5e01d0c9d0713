#!/bin/sh
# A feed opened in Debian's chromium, as by a reader who follows a page's
# subscribe link: static/feed.xsl turns the Atom XML into a page in
# Chinese saying what a feed is and how to subscribe, with every entry's
# title linking its article and its date, styled by style.css, with no
# axe-core violation, at 390 px light and 1280 px dark.  The titles must
# be those feedparser reads, in order (test/browser/feed.cjs).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-browser.sh"

PY=/usr/bin/python3
"$PY" -c 'import feedparser' 2>/dev/null ||
	bail "no feedparser for $PY (make deps: python3-feedparser)"
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"

FX=%E5%A4%96%E6%B1%87   # 外汇
for path in /feed.xml /emnews/feed.xml "/tags/$FX/feed.xml"; do
	get "$path"
	"$PY" -c 'import sys, feedparser
for e in feedparser.parse(sys.argv[1]).entries: print(e.title)' "$T/body" >"$T/titles"
	ok "$([ -s "$T/titles" ]; echo $?)" "$path: feedparser reads $(wc -l <"$T/titles") titles"
	browser feed.cjs "$BASE" "$path" "$T/titles"
done

stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing

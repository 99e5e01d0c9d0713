#!/bin/sh
# Headless chromium screenshots of the home, a category and an article
# page, phone-wide (390 px) and desktop-wide (1280 px): none is blank.
# The pictures are kept in build/screenshots/ to be looked at.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

chromium=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null && { chromium=$(command -v "$c"); break; }
done
[ -n "$chromium" ] || skip_all "chromium is not installed"
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"
keep="$TOP/build/screenshots"
mkdir -p "$keep"

# shot NAME PATH WIDTH HEIGHT
shot() {
	png="$T/$1.png"
	rm -rf "$T/profile"
	mkdir -p "$T/profile"
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --hide-scrollbars --user-data-dir="$T/profile" \
		--window-size="$3,$4" --screenshot="$png" "$BASE$2" >"$T/chromium.log" 2>&1
	st=$?
	[ -s "$png" ]
	ok $? "$1: chromium wrote a screenshot of $2 at $3 px (exit status $st)"
	[ -s "$png" ] || { sed -n '1,10s/^/#   /p' "$T/chromium.log"; return; }
	/usr/bin/python3 "$TOP/test/png-check.py" "$png" >"$T/png.out" 2>&1
	ok $? "$1: not blank"
	sed -e "s|^$T/||" -e 's/^/#   /' "$T/png.out"
	cp "$png" "$keep/$1.png"
}

for w in 390:844 1280:800; do
	width=${w%%:*} height=${w#*:}
	shot "home-$width" / "$width" "$height"
	shot "category-$width" /emnews/ "$width" "$height"
	shot "article-$width" /nanchangribao/2022/01/10/NW202201102241150382.html "$width" "$height"
done
echo "# screenshots in $keep"
done_testing

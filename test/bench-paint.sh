#!/bin/sh
# test/bench-paint.sh - does inlining the style sheet make the article
# render sooner?  Serves test/sample, saves one article twice as static
# files beside each other (gzipped, as finews would send them): as finews
# makes it (the sheet linked) and with the sheet inlined in a <style>,
# and has Debian's chromium load each RUNS times with an empty cache over
# a throttled network (test/browser/paint.cjs: RTT, DOWN, UP), printing
# the median, min and max first-contentful-paint.  Asserts nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
[ -d "$TOP/build/browser/node_modules/playwright-core" ] ||
	{ echo "bench-paint: run make browser-deps first" >&2; exit 1; }

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null || bail "import failed"
mkdir -p "$T/www"
paint_location() {
	sed -i -e "0,/^[[:space:]]*server[[:space:]]*{/s||&\\
	location /paint/ { alias $T/www/; gzip_static on; }|" "$1/finews-server.conf"
}
NGINX_EDIT=paint_location NGINX_CACHE=cache serve "$T/db"
article=$(q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
	FROM posts ORDER BY id DESC LIMIT 1")
[ -n "$article" ] && curl -s -f -o "$T/www/linked.html" "$BASE$article" || bail "no article $article"
python3 - "$T/www/linked.html" "$TOP/static/style.css" "$T/www/inline.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
css = open(sys.argv[2], encoding='utf-8').read()
out, n = re.subn(r'<link rel="stylesheet" href="[^"]*">',
                 lambda m: '<style>' + css + '</style>', html)
assert n == 1, n
open(sys.argv[3], 'w', encoding='utf-8').write(out)
PY
for f in linked inline; do gzip -9 -n -k "$T/www/$f.html"; done
echo "# $article: linked $(wc -c <"$T/www/linked.html.gz") B gzipped (+ the sheet" \
	"$(wc -c <"$TOP/build/static/style.css.gz") B), inline $(wc -c <"$T/www/inline.html.gz") B gzipped"
echo "# RTT ${RTT:-150} ms, ${DOWN:-1600}/${UP:-750} kbit/s; first-contentful-paint ms: median min max"
NODE_PATH="$TOP/build/browser/node_modules" node "$TOP/test/browser/paint.cjs" \
	"$BASE" /paint/linked.html /paint/inline.html | sed 's/^/# /'
ok $? "paint.cjs ran"
done_testing

#!/bin/sh
# The Host header never makes a URL.  With the fastcgi_params upstream
# nginx ships (no "HTTP_HOST $host" line: the raw Host header reaches
# finews) and the micro-cache on, one request with a hostile Host, in
# origin form or in absolute form (whose own host nginx uses for the cache
# key), must not put that host into the canonical link, og:url, the feed,
# the sitemap or robots.txt that the next readers get from the cache.  A
# site whose _config.yml names no url takes its absolute URLs from what
# nginx vouches for: its server_name, else the address and port the
# request came to.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site"
cp -r "$SAMPLE/_posts" "$T/site/"
grep -v '^url:' "$SAMPLE/_config.yml" > "$T/site/_config.yml"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null || bail "import failed"
is "$(q "$T/db" "SELECT count(*) FROM site WHERE key = 'url'")" 0 "no url in the store"

# nginx's own conf/fastcgi_params, as upstream ships it: every header
# (Host too) goes to finews as HTTP_*, as written by the client.
cat > "$T/fastcgi_params" <<'EOF'
fastcgi_param  QUERY_STRING       $query_string;
fastcgi_param  REQUEST_METHOD     $request_method;
fastcgi_param  CONTENT_TYPE       $content_type;
fastcgi_param  CONTENT_LENGTH     $content_length;

fastcgi_param  SCRIPT_NAME        $fastcgi_script_name;
fastcgi_param  REQUEST_URI        $request_uri;
fastcgi_param  DOCUMENT_URI       $document_uri;
fastcgi_param  DOCUMENT_ROOT      $document_root;
fastcgi_param  SERVER_PROTOCOL    $server_protocol;
fastcgi_param  REQUEST_SCHEME     $scheme;
fastcgi_param  HTTPS              $https if_not_empty;

fastcgi_param  GATEWAY_INTERFACE  CGI/1.1;
fastcgi_param  SERVER_SOFTWARE    nginx/$nginx_version;

fastcgi_param  REMOTE_ADDR        $remote_addr;
fastcgi_param  REMOTE_PORT        $remote_port;
fastcgi_param  SERVER_ADDR        $server_addr;
fastcgi_param  SERVER_PORT        $server_port;
fastcgi_param  SERVER_NAME        $server_name;

# PHP only, required if PHP was built with --enable-force-cgi-redirect
fastcgi_param  REDIRECT_STATUS    200;
EOF
upstream_params() {
	sed -i "s|include /etc/nginx/fastcgi_params;|include $T/fastcgi_params;|" \
		"$1/finews-server.conf" && grep -q "include $T/fastcgi_params;" "$1/finews-server.conf"
}
# named DIR: the same, and the server named news.example.net
named() {
	upstream_params "$1" && sed -i 's|server_name _;|server_name news.example.net;|' \
		"$1/finews-server.conf" && grep -q 'server_name news.example.net;' "$1/finews-server.conf"
}

EVIL=evil.example.com
PAGES="/emnews/ /emnews/2021/12/13/202112132201708842.html /feed.xml /emnews/feed.xml /sitemap.xml /robots.txt"

# hostile PATH: PATH asked for with Host: $EVIL, in absolute form (the
# request line's host is the server's own: so is the cache key), then
# in origin form; the bodies in $T/hostile.
hostile() {
	curl -s --max-time 20 --request-target "$BASE$1" -H "Host: $EVIL" "$BASE$1" > "$T/hostile"
	curl -s --max-time 20 -H "Host: $EVIL" "$BASE$1" >> "$T/hostile"
}

# check ORIGIN: each page after hostile requests for it, as the next
# reader gets it (from the micro-cache), has ORIGIN's URLs and no other.
check() {
	for p in $PAGES; do
		hostile "$p"
		unlike "$(cat "$T/hostile")" "$EVIL" "$p asked with Host: $EVIL: no URL there"
		get "$p"
		is "$STATUS" 200 "$p, next: 200 ($(header X-Cache))"
		unlike "$(body)" "$EVIL" "$p, next: no URL to $EVIL"
		like "$(body)" "$1/" "$p, next: URLs at $1"
	done
	get /emnews/
	like "$(body)" "<link rel=\"canonical\" href=\"$1/emnews/\">" "canonical at $1"
	like "$(body)" "<meta property=\"og:url\" content=\"$1/emnews/\">" "og:url at $1"
}

NGINX_CACHE=cache NGINX_EDIT=upstream_params serve "$T/db"
grep -q "^fastcgi_param  *HTTP_HOST" "$NGINX_DIR/finews-server.conf" "$T/fastcgi_params"
ok "$((! $?))" "upstream's fastcgi_params: no HTTP_HOST line"
get /sitenews/
is "$(header X-Cache)" MISS "the micro-cache is on"
# server_name _: the address and port nginx took the request on
check "$BASE"
get /tags/
get /tags/ -H 'Host: made-up.example'
is "$(header X-Cache)" HIT "a made-up Host does not go past the micro-cache"
stop_server

NGINX_CACHE=cache NGINX_EDIT=named serve "$T/db"
check "http://news.example.net:${BASE##*:}"
stop_server

unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
done_testing

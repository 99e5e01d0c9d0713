#!/bin/sh
# The micro-cache conf/ ships (a one-second fastcgi_cache for anonymous
# GETs): repeated requests come from nginx's cache, a request with a
# cookie goes to finews, other methods are still refused, and a new
# import shows within a second or two.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

import_sample_site
NGINX_CACHE=cache serve "$T/db"
get /emnews/
is "$STATUS" 200 "first request: 200"
like "$(header X-Cache)" "MISS|EXPIRED" "from finews"
etag=$(header ETag)
get /emnews/
is "$(header X-Cache)" HIT "the next one within a second: from the cache"
is "$(header ETag)" "$etag" "with finews's ETag"
is "$(status_of /emnews/ -H "If-None-Match: $etag")" 304 "a revisit is still a 304"
get /emnews/ -H 'Cookie: session=1'
is "$(header X-Cache)" BYPASS "a request with a cookie goes to finews"
is "$(status_of / -X POST)" 405 "POST is still refused"
get /emnews/
like "$(header Cache-Control)" "max-age=60" "finews's Cache-Control reaches the reader"

printf -- '---\ntitle: "缓存之后的新消息"\ndate: 2022-02-01 09:00:00\ncategories: emnews\ntags: 东财滚动新闻\n---\n新的正文。\n' \
	> "$T/site/_posts/2022-02-01-202202010000000001.md"
"$IMPORT" --db "$T/db" "$T/site/_posts/2022-02-01-202202010000000001.md" 2>/dev/null
seen=1
for i in $(seq 1 30); do
	get /emnews/
	grep -q '缓存之后的新消息' "$T/body" && { seen=0; break; }
	sleep 0.1
done
ok "$seen" "a new post shows within a few seconds (after $i tries)"
done_testing

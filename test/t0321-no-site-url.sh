#!/bin/sh
# A site whose _config.yml names no url still gets absolute canonical
# links, feed ids and sitemap URLs: from the Host the reader asked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site"
cp -r "$SAMPLE/_posts" "$T/site/"
grep -v '^url:' "$SAMPLE/_config.yml" > "$T/site/_config.yml"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
is "$(q "$T/db" "SELECT count(*) FROM site WHERE key = 'url'")" 0 "no url in the store"
serve "$T/db"
get /emnews/
like "$(body)" "<link rel=\"canonical\" href=\"$BASE/emnews/\">" "canonical from Host"
get /feed.xml
like "$(body)" "<id>$BASE/feed.xml</id>" "feed id from Host"
like "$(body)" "<id>$BASE/emnews/20" "entry ids from Host"
get /sitemap.xml
like "$(body)" "<loc>$BASE/</loc>" "sitemap URLs from Host"
get /emnews/ -H 'Host: evil"><x>'
unlike "$(body)" 'evil' "a hostile Host is not used"
done_testing

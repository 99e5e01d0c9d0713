#!/bin/sh
# A corrupt store under load: each worker logs a failure once, then counts
# it, and writes the count with the line once 10 s have passed (or when
# it stops): a few lines, not one per request, and no failure uncounted.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v wrk >/dev/null || skip_all "no wrk (make deps installs it)"
"$GEN" "$T/site" 300
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
serve "$T/db" --workers 2
is "$(status_of /emnews/)" 200 "serving"

# Every page after the first two (the header and the schema) garbled.
pages=$(q "$T/db" "PRAGMA page_count")
size=$(q "$T/db" "PRAGMA page_size")
head -c $(((pages - 2) * size)) /dev/zero | tr '\0' '\125' |
	dd of="$T/db" bs="$size" seek=2 conv=notrunc 2>/dev/null
# A page no worker has read yet: the one that served /emnews/ may still
# answer it from its page cache, the file's first page being unchanged.
is "$(status_of /tags/)" 503 "a corrupt store: 503"

cat > "$T/paths.lua" <<'LUA'
local paths = { "/", "/emnews/", "/feed.xml", "/tags/" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
start=$(date +%s)
wrk -t1 -c8 -d3s -s "$T/paths.lua" "$BASE" > "$T/wrk" 2>&1
failed=$(awk '/Non-2xx/ { print $NF }' "$T/wrk")
echo "# $failed answers not 2xx in 3 s; $(wc -l < "$FCGI_LOG") lines logged"
ok $([ "${failed:-0}" -gt 500 ] && echo 0 || echo 1) "a load on the corrupt store: many failures (${failed:-0})"
lines=$(wc -l < "$FCGI_LOG")
ok $([ "$lines" -le 40 ] && echo 0 || echo 1) "a few lines logged, not one per failure ($lines)"
unlike "$(cat "$FCGI_LOG")" "repeated" "no count yet: 10 s have not passed"

# Once the window has passed, the next request writes the count.
sleep $((start + 11 - $(date +%s)))
is "$(status_of /emnews/)" 503 "still 503"
like "$(cat "$FCGI_LOG")" "malformed \(repeated [0-9]+ times in the last 1[0-9] s\)$" \
	"after 10 s: the line again, with its count"

# Stopping writes the counts still held.  Every failed request logged at
# least one failure: lines written plus counts add up to them all.
stop_server
logged=$(awk '{ n++ } match($0, /\(repeated [0-9]+ time/) {
	n += substr($0, RSTART + 10, RLENGTH - 15) - 1 } END { print n }' "$FCGI_LOG")
echo "# $(wc -l < "$FCGI_LOG") lines stand for $logged failures"
ok $([ "$logged" -ge $((failed + 2)) ] && echo 0 || echo 1) \
	"no failure uncounted ($logged logged, $((failed + 2)) failed requests)"
unlike "$(cat "$FCGI_LOG")" "killed by signal|Sanitizer|runtime error" "no crash, no sanitizer report"
done_testing

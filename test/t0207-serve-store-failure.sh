#!/bin/sh
# A real failure of the store is a 503 with a line on stderr (the same
# failure again within 10 s is counted, test/t0232); the worker lives on
# and answers again once the store is back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
serve "$T/db" --workers 1
is "$(status_of /emnews/)" 200 "serving"

# Another writer breaks the store under the server.
q "$T/db" "ALTER TABLE posts RENAME TO posts_away"
is "$(status_of /emnews/)" 503 "a broken store: 503"
is "$(status_of /)" 503 "on every page that needs it"
get /emnews/
like "$(header Content-Type)" "^text/plain" "503 as plain text"
like "$(cat "$T/fcgi.log")" "finews: .*no such table" "the failure is logged"
n=$(grep -c "no such table" "$T/fcgi.log")
ok $([ "$n" -ge 1 ] && [ "$n" -le 3 ] && echo 0 || echo 1) \
	"a line per failure, a repeat counted rather than written again ($n lines, three requests)"

q "$T/db" "ALTER TABLE posts_away RENAME TO posts"
is "$(status_of /emnews/)" 200 "the same worker serves again once the store is back"

# The store file removed while serving, then put back; then replaced by
# another store (a restore): 503 while it is gone, and then the store
# that is there.
mv "$T/db" "$T/away.db"
is "$(status_of /emnews/)" 503 "the store removed: 503"
like "$(cat "$FCGI_LOG")" "finews: .*/db: No such file or directory" "and a log line"
is "$(status_of '/%e4%b8/')" 400 "a bad request is still a 400"
mv "$T/away.db" "$T/db"
is "$(status_of /emnews/)" 200 "put back: served again"
mkdir -p "$T/other/_posts"
printf 'title: 另一个站\nurl: https://other.example.org\n' > "$T/other/_config.yml"
printf -- '---\ntitle: 替换之后\ndate: 2021-12-08 10:00:00\ncategories: replaced\n---\n正文。\n' > "$T/other/_posts/2021-12-08-x.md"
"$IMPORT" --db "$T/new.db" "$T/other" 2>/dev/null
mv "$T/new.db" "$T/db"
rm -f "$T/new.db-wal" "$T/new.db-shm"
get /
like "$(body)" "另一个站" "a replaced store is opened again"
is "$(status_of /replaced/)" 200 "with its own pages"
unlike "$(cat "$T/fcgi.log")" "Sanitizer|runtime error" "no sanitizer report"

"$FCGI" --db "$T/missing.db" --listen "$T/x.sock" 2>"$T/err"
is "$?" 1 "a missing store at start: exit status 1"
like "$(cat "$T/err")" "missing.db" "naming the file"
"$FCGI" --version >"$T/out"
like "$(cat "$T/out")" "^finews.fcgi [0-9]" "--version"
"$FCGI" --help >"$T/out"
like "$(cat "$T/out")" "--listen" "--help"
"$FCGI" --workers 0 --db "$T/db" 2>/dev/null
is "$?" 2 "a bad option: exit status 2"
done_testing

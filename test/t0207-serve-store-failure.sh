#!/bin/sh
# A real failure of the store is a 503 with one line on stderr; the
# worker lives on and answers again once the store is back.
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
is "$(grep -c "no such table" "$T/fcgi.log")" 3 "one line per failed request (three requests)"

q "$T/db" "ALTER TABLE posts_away RENAME TO posts"
is "$(status_of /emnews/)" 200 "the same worker serves again once the store is back"
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

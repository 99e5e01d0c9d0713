#!/bin/sh
# One run is one transaction: killed at any moment, the store keeps its
# previous content and passes PRAGMA integrity_check.
. "$(dirname "$0")/lib.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
before=$(q "$T/db" "SELECT count(*), sum(length(body_html)) FROM posts")
ok $([ -n "$before" ] && echo 0 || echo 1) "baseline store made from the sample site ($before)"

"$GEN" "$T/big" 20000
is "$?" 0 "generated a 20000-post site"

for delay in 0.05 0.3 0.8 1.5; do
	"$IMPORT" --db "$T/db" "$T/big" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	is "$(q "$T/db" "PRAGMA integrity_check")" ok "killed after ${delay}s: integrity_check ok"
	is "$(q "$T/db" "SELECT count(*), sum(length(body_html)) FROM posts")" "$before" "killed after ${delay}s: previous content kept"
done

"$IMPORT" --db "$T/db" "$T/big" 2>"$T/err"
is "$?" 0 "an import run to the end afterwards succeeds"
like "$(cat "$T/err")" "20000 added" "and adds every post"
done_testing

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
is "$(q "$T/db" "PRAGMA journal_mode")" wal "the store is in WAL mode"

# The first import into a new store (made in rollback-journal mode,
# switched to WAL at the end), killed: the store is empty and sound, and
# the next run fills it.
"$IMPORT" --db "$T/new.db" "$T/big" 2>/dev/null &
pid=$!
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
"$IMPORT" --db "$T/new.db" "$SAMPLE/_posts/2021-12-01-hello.md" 2>"$T/err"
is "$?" 0 "after a killed first import, the next run works"
is "$(q "$T/new.db" "PRAGMA integrity_check")" ok "integrity_check ok"
is "$(q "$T/new.db" "SELECT count(*) FROM posts")" 1 "nothing of the killed run is left"
is "$(q "$T/new.db" "PRAGMA journal_mode")" wal "and the store is in WAL mode"
done_testing

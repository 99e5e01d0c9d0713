#!/bin/sh
# SIGHUP reloads: the master loads the templates again and replaces the
# workers one by one, each new one forked before the old one finishes
# its request and goes, so that under a load (wrk) no request fails; a
# template that does not load leaves the workers as they were, with an
# error logged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v wrk >/dev/null || skip_all "no wrk (make deps installs it)"
"$GEN" "$T/site" 300
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
cp -r "$TOP/templates" "$T/tpl"
# mark N: the layout's footer says "reload-mark-N", put in place at once
mark() {
	sed "s|</footer>|<p>reload-mark-$1</p></footer>|" "$TOP/templates/layout.tpl" \
		> "$T/tpl/layout.tpl.new" && mv "$T/tpl/layout.tpl.new" "$T/tpl/layout.tpl"
}
mark 1
serve "$T/db" --workers 3 --templates "$T/tpl"
master=$_fcgi_pid
workers() { pgrep -P "$master" | sort; }
# wait_for CMD: up to 20 s for CMD to succeed
wait_for() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -le 400 ] || return 1
		sleep 0.05
	done
}
three() { [ "$(workers | wc -l)" -eq 3 ]; }
wait_for three
get /emnews/
like "$(body)" "reload-mark-1" "the templates as started"
before=$(workers)

cat > "$T/paths.lua" <<'LUA'
local paths = { "/", "/emnews/", "/feed.xml", "/tags/" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
requests() { awk '/requests in/ { print $1 }' "$T/wrk"; }
non2xx() { awk '/Non-2xx/ { n += $NF } END { print n + 0 }' "$T/wrk"; }
errors() {
	awk '/Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$T/wrk"
}
replaced() { [ "$(grep -c "every worker replaced" "$FCGI_LOG")" -ge "$1" ]; }

# A new layout, and SIGHUP, under load.
wrk -t1 -c16 -d6s --timeout 30s -s "$T/paths.lua" "$BASE" > "$T/wrk" 2>&1 &
wrk_pid=$!
sleep 2
mark 2
kill -HUP "$master"
wait_for replaced 1
ok $? "SIGHUP under load: every worker replaced"
wait "$wrk_pid"
took=$(sed -n 's/.*every worker replaced in \([0-9.]*\) s.*/\1/p' "$FCGI_LOG")
echo "# SIGHUP under wrk -c16: $(requests) requests, $(non2xx) non-2xx, $(errors) socket errors; 3 workers replaced in $took s"
ok $([ "$(requests)" -gt 0 ] && echo 0 || echo 1) "requests answered during the reload ($(requests))"
is "$(non2xx)" 0 "no answer but 2xx"
is "$(errors)" 0 "no socket error"
get /emnews/
like "$(body)" "reload-mark-2" "the new layout is served"
after=$(workers)
is "$(echo "$after" | wc -l | tr -d ' ')" 3 "three workers"
is "$(echo "$after" | grep -cxF "$before")" 0 "none of them an old one"
like "$(cat "$FCGI_LOG")" "SIGHUP: templates loaded; replacing the 3 workers one by one" \
	"the reload is logged"

# A template that does not load: the workers stay as they are.
printf '{{#BROKEN}}\n' >> "$T/tpl/article.tpl"
kill -HUP "$master"
failed() { grep -q "reload failed" "$FCGI_LOG"; }
wait_for failed
ok $? "a broken template: the reload fails"
like "$(cat "$FCGI_LOG")" "template .*/article.tpl: cannot load" "naming the template"
sleep 0.3
is "$(workers)" "$after" "the workers stay"
get /emnews/
is "$STATUS" 200 "and serve"
like "$(body)" "reload-mark-2" "the layout they had"

# Fixed, and two SIGHUPs at once: the second's templates win.
cp "$TOP/templates/article.tpl" "$T/tpl/article.tpl"
mark 3
kill -HUP "$master"
mark 4
kill -HUP "$master"
wait_for replaced 2
ok $? "two SIGHUPs at once: the workers replaced"
wait_for three
get /emnews/
like "$(body)" "reload-mark-4" "with the last templates"
is "$(workers | grep -cxF "$after")" 0 "none of the workers before is left"

stop_server
is "$FCGI_EXIT" 0 "finews.fcgi exits 0 on SIGTERM"
unlike "$(cat "$FCGI_LOG")" "killed by signal|exited with status|Sanitizer|runtime error" \
	"no worker died but those asked to, no sanitizer report"
done_testing

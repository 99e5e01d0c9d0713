#!/bin/sh
# `make run` twice at once: conf/run.sh on two ports side by side, each
# with its own folder build/run-PORT/ (store, socket, nginx's pid and
# logs); a third on a port already served refuses, saying so; SIGTERM
# stops each run with its nginx and finews.fcgi.
. "$(dirname "$0")/lib.sh"
. "$TOP/test/lib-nginx.sh"

p1=$(_free_port)
p2=$(_free_port)
[ "$p1" != "$p2" ] || p2=$(_free_port)
pids=''
at_exit "rm -rf '$TOP/build/run-$p1' '$TOP/build/run-$p2'"
at_exit 'for p in $pids; do kill $p 2>/dev/null; done; sleep 0.5'
# run PORT NAME: conf/run.sh on PORT in the background (its pid in $!),
# its output in $T/NAME
run() {
	FINEWS_FCGI=$FCGI FINEWS_IMPORT=$IMPORT sh "$TOP/conf/run.sh" "$SAMPLE" 127.0.0.1 "$1" \
		</dev/null >"$T/$2" 2>&1 &
	pids="$pids $!"
}
up() { # PORT NAME: up to 30 s for its home page, and run.sh to say so
	_w=0
	until [ "$(_code "http://127.0.0.1:$1/")" = 200 ] && grep -q "Ctrl-C stops" "$T/$2"; do
		_w=$((_w + 1))
		[ $_w -le 300 ] || return 1
		sleep 0.1
	done
}
run "$p1" run1.out
run1=$!
run "$p2" run2.out
run2=$!
up "$p1" run1.out
ok $? "the first run serves port $p1"
up "$p2" run2.out
ok $? "the second, at the same time, port $p2"
is "$(_code "http://127.0.0.1:$p1/emnews/")$(_code "http://127.0.0.1:$p2/emnews/")" 200200 \
	"both serve pages"
ok $([ -S "$TOP/build/run-$p1/finews.sock" ] && [ -S "$TOP/build/run-$p2/finews.sock" ] &&
	echo 0 || echo 1) "each with its socket in build/run-PORT/"
like "$(cat "$T/run1.out")" "logs in .*/build/run-$p1/" "and its logs there"

FINEWS_FCGI=$FCGI FINEWS_IMPORT=$IMPORT sh "$TOP/conf/run.sh" "$SAMPLE" 127.0.0.1 "$p1" \
	</dev/null >"$T/run3.out" 2>&1
is "$?" 1 "a third run on a port being served: exit status 1"
like "$(cat "$T/run3.out")" "port $p1 is taken; try make run PORT=" "saying so"
is "$(_code "http://127.0.0.1:$p1/emnews/")" 200 "and the first goes on"

# SIGTERM: each run stops its nginx and finews.fcgi.
children=$(pgrep -P "$run1"; pgrep -P "$run2")
kill "$run1" "$run2"
wait "$run1"
s1=$?
wait "$run2"
s2=$?
pids=''
is "$s1 $s2" "143 143" "both runs end (exit status 143: SIGTERM)"
left=0
for p in $children; do kill -0 "$p" 2>/dev/null && left=$((left + 1)); done
is "$left" 0 "SIGTERM: no nginx or finews.fcgi left"
is "$(_code "http://127.0.0.1:$p1/")$(_code "http://127.0.0.1:$p2/")" 000000 "both ports free again"
unlike "$(cat "$TOP/build/run-$p1/fcgi.log" "$TOP/build/run-$p2/fcgi.log")" \
	"Sanitizer|runtime error" "no sanitizer report"
done_testing

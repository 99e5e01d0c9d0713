#!/bin/sh
# A burst of requests larger than finews.fcgi's socket queue waits
# instead of failing: the unix socket's queue is as long as the kernel
# allows (net.core.somaxconn), and when it is full nginx falls back on
# the same workers' loopback port, where the kernel queues and retries
# the connections.  A queue of 16 (--backlog 16) and one worker busy with
# sitemaps stand in for a burst of 10,000 readers (make bench-burst).
# (With a queue so short that the burst needs several of the kernel's
# retries, at 1 s, 3 s, 7 s ..., it would take much longer.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$GEN" "$T/site" 3000
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null

# burst N: N requests for the sitemap at once; prints "STATUS:COUNT ..."
burst() {
	: >"$T/burst.cfg"
	for i in $(seq 1 "$1"); do
		printf 'url = "%s/sitemap.xml"\noutput = /dev/null\n' "$BASE" >>"$T/burst.cfg"
	done
	curl -s -Z --parallel-immediate --parallel-max "$1" --max-time 60 \
		-w '%{http_code}\n' -K "$T/burst.cfg" |
		sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }'
}

serve "$T/db" --workers 1
somaxconn=$(cat /proc/sys/net/core/somaxconn)
is "$(ss -xlH src "$SOCK" | awk '{ print $4 }')" "$somaxconn" \
	"the unix socket's queue is as long as the kernel allows ($somaxconn)"
stop_server

# The unix socket alone, with a queue of 16: the burst overflows it.
serve "$T/db" --workers 1 --backlog 16
codes=$(burst 40)
like "$codes" "502:" "a queue of 16 alone: 40 requests at once overflow it ($codes)"
stop_server

# With the loopback port to fall back on: all answered.
FCGI_OVERFLOW=1
serve "$T/db" --workers 1 --backlog 16
FCGI_OVERFLOW=
codes=$(burst 40)
is "$codes" "200:40 " "with the loopback port too: all 40 answered"
like "$(cat "$NGINX_DIR/error.log")" "finews.sock failed \(11: Resource temporarily unavailable\)" \
	"though the unix socket refused some"
is "$(status_of /emnews/)" 200 "and pages are served after it"
stop_server
unlike "$(cat "$FCGI_LOG")" "Sanitizer|runtime error" "no sanitizer report"
done_testing

#!/bin/sh
# Without --listen, finews.fcgi serves the socket it inherits as
# descriptor 0, as under spawn-fcgi or systemd socket activation with
# StandardInput=socket; or the sockets systemd passes from descriptor 3
# with LISTEN_FDS and LISTEN_PID (a socket unit's ListenStream= lines).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>/dev/null
FCGI_FD0=1 serve "$T/db" --workers 2
get /
is "$STATUS" 200 "home through the inherited socket"
like "$(body)" "金融消息样例" "the site's page"
is "$(status_of /emnews/)" 200 "a category too"
is "$(status_of /nope/)" 404 "and a 404"
stop_server
is "$(grep -c . "$FCGI_LOG")" 0 "nothing logged"

# Two sockets from systemd: the unix socket nginx uses, and a loopback
# port (nginx's backup when the socket's queue is full).
: >"$FCGI_LOG"
FCGI_SYSTEMD=1 serve "$T/db" --workers 2
get /
is "$STATUS" 200 "LISTEN_FDS=2: home through the unix socket (descriptor 3)"
out=$(env -i REQUEST_METHOD=GET REQUEST_URI=/emnews/ SERVER_NAME=localhost \
	SERVER_PORT=80 cgi-fcgi -bind -connect "$OVERFLOW" 2>&1)
like "$out" "^Status: 200" "and a category through the loopback port (descriptor 4)"
stop_server
is "$(grep -c . "$FCGI_LOG")" 0 "nothing logged"

# LISTEN_FDS meant for another process is not ours: descriptor 0 is used.
LISTEN_PID=1 LISTEN_FDS=2 FCGI_FD0=1 serve "$T/db" --workers 1
is "$(status_of /)" 200 "LISTEN_PID of another process: descriptor 0 served"
stop_server

# More sockets than finews.fcgi serves: a clear error, exit status 1.
err=$(sh -c 'LISTEN_PID=$$ LISTEN_FDS=9 exec "$0" --db "$1"' "$FCGI" "$T/db" 2>&1 </dev/null)
is "$?" 1 "LISTEN_FDS=9: exit status 1"
like "$err" "LISTEN_FDS=9: from 1 to 4 sockets" "with why"
done_testing

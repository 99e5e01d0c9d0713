#!/bin/sh
# Without --listen, finews.fcgi serves the socket it inherits as
# descriptor 0, as under spawn-fcgi or systemd socket activation.
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
done_testing

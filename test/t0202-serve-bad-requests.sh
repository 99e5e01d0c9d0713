#!/bin/sh
# Bad requests get 400, other methods 405, HEAD the headers alone; none
# of it harms the server, which still answers afterwards.
# Note: nginx itself answers 400 to paths it cannot normalise (/%zz/,
# /%00/, /../ above the root) and 414 to request lines over its 8 KB
# buffer (conf/finews.nginx); everything else reaches finews.fcgi.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"
art=/emnews/2021/12/13/202112132201708842.html

# a N: N bytes of "a".
a() { head -c "$1" /dev/zero | tr '\0' a; }

for p in '/%zz/' '/%e4%b8/' '/%ff/' '/%00/' '/%c0%af/' '/%ed%a0%80/' '/%e4%b8%9c%' \
	"/$(a 3000)" "/emnews/$(a 2100)/" "/?q=$(a 3000)" \
	'/?q=%zz' '/?q=%ff' '/?q=%00' '/?%zz=1' '/emnews/?page=%zz' \
	'/html_News/NewsShare.html?infoCode=%zz' '/html_News/NewsShare.html?infoCode=NW%e4%b8' \
	'/html_News/NewsShare.html?infoCode=%ffNW202112132201708842'; do
	get "$p"
	is "$STATUS" 400 "$(printf '%.60s' "$p")$([ ${#p} -gt 60 ] && echo "... (${#p} bytes)"): 400"
done
# a target just under the limit is fine (it is simply not a page)
is "$(status_of "/$(a 2000)")" 404 "a 2001-byte path: 404, not 400"
# over nginx's own buffer: nginx's 414, finews never sees it
s=$(status_of "/?q=$(a 9000)")
is "$s" 414 "a 9 KB request target: nginx's 414"

# a 400 from finews (it reached finews) is an HTML page
get '/%ff/'
is "$(header content-type)" "text/html; charset=utf-8" "400 from finews: text/html"

for p in /../../etc/passwd /emnews/../../../etc/passwd '/%2e%2e/%2e%2e/etc/passwd' \
	'/..%2f..%2fetc%2fpasswd' '/emnews/..%2f..%2f..%2fetc/passwd' '/static/../../../../etc/passwd' \
	'/static/..%2f..%2f..%2fetc/passwd' '/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd'; do
	get "$p"
	case $STATUS in 400|404) r=0 ;; *) r=1 ;; esac
	ok "$r" "$p: 400 or 404 (got $STATUS)"
	grep -q 'root:' "$T/body"
	ok $((!$?)) "$p: no passwd content"
done

# HEAD: the headers of GET, no body.
# raw METHOD PATH: the bytes of the whole answer, read to the end of the
# connection (curl -I would not read a body even if one came).
raw() {
	/usr/bin/python3 - "${BASE#http://}" "$1" "$2" <<'PY'
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
s = socket.create_connection((host, int(port)), timeout=30)
s.sendall(("%s %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (sys.argv[2], sys.argv[3], host)).encode())
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
sys.stdout.buffer.write(data)
PY
}
# raw_body_len METHOD PATH
raw_body_len() {
	raw "$1" "$2" >"$T/raw"
	/usr/bin/python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(len(d.split(b"\r\n\r\n", 1)[1]) if b"\r\n\r\n" in d else "no header end")' "$T/raw"
}
get /
get_len=$(header content-length)
get_type=$(header content-type)
get / -I
is "$STATUS" 200 "HEAD /: 200"
is "$(header content-type)" "$get_type" "HEAD /: the content type of GET"
is "$(header content-length)" "$get_len" "HEAD /: the Content-Length of GET ($get_len)"
like "$(raw_body_len GET /)" "^[1-9][0-9]*$" "GET / (raw): a body"
is "$(raw_body_len HEAD /)" 0 "HEAD / (raw): no body"
get "$art" -I
is "$STATUS" 200 "HEAD on an article: 200"
is "$(raw_body_len HEAD "$art")" 0 "HEAD on an article (raw): no body"
get /nope -I
is "$STATUS" 404 "HEAD on a missing page: 404"
is "$(raw_body_len HEAD /nope)" 0 "HEAD on a missing page (raw): no body"

for m in POST PUT DELETE PATCH OPTIONS; do
	for p in / "$art"; do
		get "$p" -X "$m" --data-binary x
		is "$STATUS" 405 "$m $p: 405"
		is "$(header allow)" "GET, HEAD" "$m $p: Allow: GET, HEAD"
	done
done
get /nope -X DELETE
is "$STATUS" 405 "DELETE on a missing page: 405"

# A body finews does not read (it answers 405 at once) is read and dropped
# before the connection is closed, so nginx never finds its request unread:
# every answer arrives whole, and nginx logs no reset connection.
head -c 60000 /dev/zero | tr '\0' x >"$T/big-body"
bad=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	get / -X POST --data-binary @"$T/big-body"
	[ "$STATUS" = 405 ] && grep -q 只支持 "$T/body" || bad=$((bad + 1))
done
is "$bad" 0 "20 POSTs with a 60 KB body: each a whole 405 page"
is "$(grep -c -i -E 'reset|broken pipe|prematurely' "$NGINX_DIR/error.log")" 0 \
	"nginx logged no reset or closed upstream connection"

# Hostile but well-formed requests
is "$(status_of "/?q=$(a 1500)")" 200 "home with a long, harmless query: 200"
is "$(status_of "/?a=1&a=2&b&&=&c=%E4%B8%9C")" 200 "home with odd but valid parameters: 200"
is "$(status_of "/?$(i=0; while [ $i -lt 20 ]; do printf 'p%d=1&' $i; i=$((i + 1)); done)")" 200 "home with 20 parameters: 200"
s=$(status_of "/?$(i=0; while [ $i -lt 200 ]; do printf 'p%d=1&' $i; i=$((i + 1)); done)")
case $s in 200|400) r=0 ;; *) r=1 ;; esac
ok "$r" "home with 200 parameters (1.3 KB): 200 or 400, got $s"
is "$(status_of "/html_News/NewsShare.html?infoCode=NW202112132201708842&infoCode=x")" 200 "share link with the code twice: 200 (first wins)"
is "$(status_of "/emnews/" -H "Host: $(a 1000)")" 200 "a long Host header: 200"
is "$(status_of "/emnews/" -H "Cookie: $(a 4000)")" 200 "a long cookie: 200"
is "$(status_of "/%E4%B8%9C%E8%B4%A2/")" 404 "a valid UTF-8 unknown category: 404"
is "$(status_of "/emnews/2021/13/45/x.html")" 404 "an impossible date: 404"
is "$(status_of "/emnews/0000/00/00/.html")" 404 "an empty slug: 404"
is "$(status_of "//emnews//")" 404 "doubled slashes: 404"

# Still alive.
get /
is "$STATUS" 200 "after all that, / still answers 200"
is "$(status_of "$art")" 200 "and so does an article"

stop_server
case $FCGI_EXIT in 137) r=1 ;; *) r=0 ;; esac
ok "$r" "finews.fcgi ends on SIGTERM (exit status $FCGI_EXIT; 137: it had to be killed)"
log=$(cat "$FCGI_LOG")
unlike "$log" "Sanitizer|runtime error" "no sanitizer report from finews.fcgi"
[ -n "$log" ] && echo "$log" | head -n 20 | sed 's/^/# fcgi: /'
done_testing

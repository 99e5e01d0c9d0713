#!/bin/sh
# make install, then a site served from the installed files alone:
# installed with PREFIX=$T/usr (so that the templates folder compiled
# into finews.fcgi is the installed one), the sample imported by the
# installed finews-import, finews.fcgi run as the installed finews.service
# runs it (its ExecStart, WITHOUT --templates, on a socket held for it as
# systemd holds finews.socket's, as its standard input), nginx from the
# installed server block and micro-cache line, static/ from the installed
# share folder.  The installed templates are marked, and the mark must be
# on the pages.  A backup made while serving is whole, and served once
# moved over the store.  A restart of finews.fcgi keeps requests waiting
# on the socket instead of failing.  Then: make install into a DESTDIR with the
# default PREFIX puts the same files there, compiled for /usr/local, and
# make uninstall removes every file of both.
. "$(dirname "$0")/lib.sh"
. "$TOP/test/lib-nginx.sh"
. "$TOP/test/lib-install.sh"

P=$T/usr
D=$P/share/finews
install_into "$P"
st=$?
ok $st 'make install PREFIX=$T/usr'
[ $st -eq 0 ] || { make_log; done_testing; }

# files DIR: every file and link under DIR, relative, sorted.
files() { (cd "$1" && find . ! -type d | sed 's|^\./||' | sort); }
want="bin/finews-import
bin/finews-replica-sync
lib/systemd/system/finews-import.service
lib/systemd/system/finews-replica-sync.service
lib/systemd/system/finews-replica-sync.timer
lib/systemd/system/finews.service
lib/systemd/system/finews.socket
lib/sysusers.d/finews.conf
sbin/finews.fcgi
share/finews/nginx/finews-cache.conf
share/finews/nginx/finews.nginx
$(cd "$TOP" && ls static/* templates/*.tpl | grep -v screenshot | sed 's|^|share/finews/|')
$(for f in style.css live.js share.js sources.js feed.xsl icon.svg; do echo "share/finews/static/$f.gz"; done)
share/man/man1/finews-import.1
share/man/man8/finews.fcgi.8"
is "$(files "$P")" "$(printf '%s\n' "$want" | sort)" \
	"the programs, templates, static/, nginx block, man pages and units, nothing else"
like "$("$P/sbin/finews.fcgi" --help)" "default $D/templates\)" \
	'the installed finews.fcgi: the templates in $T/usr/share/finews/templates'
[ -x "$P/bin/finews-import" ] && [ -x "$P/sbin/finews.fcgi" ]
ok $? "both programs executable"

mark='<!-- finews: the installed templates -->'
sed -i "s|</body>|$mark</body>|" "$D/templates/layout.tpl"
grep -qF -- "$mark" "$TOP/templates/layout.tpl"
ok $((! $?)) "the checkout's templates are not marked"

mkdir -p "$T/var"
"$P/bin/finews-import" --db "$T/var/finews.db" "$SAMPLE" 2>"$T/import.log"
ok $? "the installed finews-import imports the sample"

# ---- finews.fcgi as finews.service runs it, on finews.socket's socket --
# key UNIT KEY: the value of KEY= in an installed unit.
key() { sed -n "s/^$2=//p" "$P/lib/systemd/system/$1"; }
exec_start=$(key finews.service ExecStart)
unlike "$exec_start" '--templates' "finews.service gives no --templates"
is "$(key finews.service StandardInput)" socket "finews.service: the socket on fd 0"
SOCK=$T/finews.sock
listen=$(key finews.socket ListenStream)

# What systemd does for the two units, in a few lines: bind and listen on
# finews.socket's address (its Backlog=), run finews.service's command
# with the socket as standard input and stdout and stderr to a log (from
# /, with nothing but the environment), writing its pid to PIDS.N; when
# it exits, start it again after 1 s (RestartSec); RUNS times in all,
# then exit with the last one's exit status.
cat >"$T/socket-unit.py" <<'EOF'
import os, socket, subprocess, sys, time
path, backlog, runs, pids, log = sys.argv[1:6]
cmd = sys.argv[6:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(int(backlog))
for n in range(1, int(runs) + 1):
    if n > 1:
        time.sleep(1)
    with open(log, "ab") as out:
        p = subprocess.Popen(cmd, stdin=s.fileno(), stdout=out, stderr=out,
                             cwd="/", close_fds=True)
    with open("%s.%d.tmp" % (pids, n), "w") as f:
        f.write("%d\n" % p.pid)
    os.rename("%s.%d.tmp" % (pids, n), "%s.%d" % (pids, n))
    p.wait()
sys.exit(p.returncode)
EOF
# shellcheck disable=SC2086  # the unit's command line, word by word
set -- $(printf '%s\n' "$exec_start" | sed "s|/var/lib/finews/finews.db|$T/var/finews.db|")
python3 "$T/socket-unit.py" "$SOCK" "$(key finews.socket Backlog)" 2 "$T/pid" \
	"$T/fcgi.log" "$@" </dev/null &
unit=$!
at_exit "kill \$(cat '$T'/pid.* 2>/dev/null) $unit 2>/dev/null"
i=0
while [ ! -s "$T/pid.1" ] || [ ! -S "$SOCK" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || break
	sleep 0.1
done
ok "$([ -s "$T/pid.1" ]; echo $?)" "finews.fcgi started on the socket"

# ---- nginx from the installed server block ------------------------------
N=$T/nginx
mkdir -p "$N/tmp"
user='# (not root)'
[ "$(id -u)" = 0 ] && user='user root;'   # its workers must reach $SOCK
sed "s|/var/cache/nginx/finews|$N/cache|" "$D/nginx/finews-cache.conf" >"$N/cache.conf"
start_nginx() {
	port=$(_free_port)
	sed -e "s|@HOST@|127.0.0.1|; s|@PORT@|$port|" -e "s|$listen|$SOCK|" \
		"$D/nginx/finews.nginx" >"$N/finews.conf"
	cat >"$N/nginx.conf" <<-EOF
	daemon off;
	worker_processes 1;
	pid $N/nginx.pid;
	error_log $N/error.log;
	$user
	events { worker_connections 64; }
	http {
		include /etc/nginx/mime.types;
		access_log $N/access.log;
		client_body_temp_path $N/tmp/body;
		proxy_temp_path $N/tmp/proxy;
		fastcgi_temp_path $N/tmp/fastcgi;
		uwsgi_temp_path $N/tmp/uwsgi;
		scgi_temp_path $N/tmp/scgi;
		include $N/cache.conf;
		include $N/finews.conf;
	}
	EOF
	"$NGINX" -p "$N/" -e "$N/error.log" -c "$N/nginx.conf" </dev/null >"$N/stdout" 2>&1 &
	nginx=$!
	i=0
	while [ "$(_code "http://127.0.0.1:$port/")" = 000 ]; do
		kill -0 "$nginx" 2>/dev/null || return 1
		i=$((i + 1))
		[ $i -le 100 ] || return 1
		sleep 0.1
	done
}
tries=0
until start_nginx; do
	tries=$((tries + 1))
	[ $tries -lt 5 ] || break
done
at_exit "_stop $nginx"
BASE=http://127.0.0.1:$port
ok "$([ "$(_code "$BASE/")" != 000 ]; echo $?)" "nginx runs the installed server block" ||
	sed 's/^/# /' "$N/error.log" "$N/stdout"

curl -s -o "$T/home" -D "$T/headers" -w '%{http_code}' "$BASE/" >"$T/code"
is "$(cat "$T/code")" 200 "the home page: 200"
grep -qF -- "$mark" "$T/home"
ok $? "drawn from the installed templates"
like "$(tr -d '\r' <"$T/headers")" '^X-Cache: (MISS|EXPIRED|HIT)' \
	"through the installed block's micro-cache"
article=$(grep -o 'href="/[^"]*\.html"' "$T/home" | head -n 1 | sed 's/^href="//; s/"$//')
is "$(_code "$BASE$article")" 200 "an article: 200 ($article)"
curl -s -o "$T/style.css" "$BASE/static/style.css"
cmp -s "$T/style.css" "$D/static/style.css"
ok $? "/static/style.css: the installed file"

# ---- a backup and its restore while served, as README's Deploying says --
sqlite3 -readonly "$T/var/finews.db" ".backup '$T/backup.db'"
ok $? "sqlite3 -readonly finews.db .backup, while it is served"
is "$(q "$T/backup.db" 'PRAGMA integrity_check')" ok "the backup is sound"
is "$(q "$T/backup.db" 'SELECT count(*) FROM posts')" \
	"$(q "$T/var/finews.db" 'SELECT count(*) FROM posts')" "and holds every post"
cp "$T/backup.db" "$T/var/finews.db.new" && mv "$T/var/finews.db.new" "$T/var/finews.db"
is "$(_code "$BASE$article?restored")" 200 "the backup moved over the store: served at once"

# ---- a restart: requests wait for the new finews.fcgi -------------------
# Stop it as systemctl restart does (SIGTERM); once it is gone, ask for 8
# pages (past the micro-cache: each its own URL) while nothing serves the
# socket; the second run, a second later, must answer them all.
old=$(cat "$T/pid.1")
kill "$old"
i=0
while kill -0 "$old" 2>/dev/null && [ $i -le 200 ]; do
	i=$((i + 1))
	sleep 0.05
done
gone=0
kill -0 "$old" 2>/dev/null && gone=1
ok $gone "the first finews.fcgi has stopped"
pids=
for n in 1 2 3 4 5 6 7 8; do
	curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 "$BASE/?restart=$n" \
		>"$T/restart.$n" &
	pids="$pids $!"
done
[ ! -e "$T/pid.2" ]
ok $? "... and none runs yet as the requests go out"
wait $pids
is "$(cat "$T"/restart.* | sort | uniq -c | sed 's/^ *//')" "8 200" \
	"all 8 answered 200 by the second finews.fcgi"
unlike "$(cat "$N/error.log")" 'connect\(\) .* failed' "nginx never failed to connect"

kill "$(cat "$T/pid.2")" 2>/dev/null
wait "$unit"
ok $? "the second finews.fcgi exits 0 on SIGTERM"
_stop "$nginx"

# ---- DESTDIR, and make uninstall ----------------------------------------
S=$T/stage
install_into /usr/local DESTDIR="$S"
ok $? 'make install DESTDIR=$T/stage (PREFIX /usr/local)'
is "$(files "$S/usr/local")" "$(files "$P")" "the same files, under DESTDIR"
like "$("$S/usr/local/sbin/finews.fcgi" --help)" 'default /usr/local/share/finews/templates\)' \
	"finews.fcgi is compiled for PREFIX, not DESTDIR"
like "$(cat "$S/usr/local/lib/systemd/system/finews.service")" \
	'^ExecStart=/usr/local/sbin/finews\.fcgi ' "and so are the units"

top_make uninstall DESTDIR="$S"
ok $? 'make uninstall DESTDIR=$T/stage'
is "$(files "$S")" "" "no file left under DESTDIR"
top_make uninstall PREFIX="$P"
ok $? 'make uninstall PREFIX=$T/usr'
is "$(files "$P")" "" "no file left under PREFIX"
[ ! -e "$D" ]
ok $? "nor share/finews"

done_testing

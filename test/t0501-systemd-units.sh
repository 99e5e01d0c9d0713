#!/bin/sh
# The systemd units make install writes (finews.socket, finews.service,
# finews-import.service): systemd-analyze verify finds nothing to say
# about them (their programs and man pages installed), their sandboxing
# rates SAFE (systemd-analyze security), they hold what socket
# activation needs, sysusers.d/finews.conf makes their user, and their
# programs make no system call their SystemCallFilter= refuses.
. "$(dirname "$0")/lib.sh"
. "$TOP/test/lib-install.sh"

command -v systemd-analyze >/dev/null ||
	skip_all "no systemd-analyze (make deps installs systemd)"

P=$T/usr
install_into "$P"
st=$?
ok $st 'make install PREFIX=$T/usr'
[ $st -eq 0 ] || { make_log; done_testing; }
U=$P/lib/systemd/system
units="finews.socket finews.service finews-import.service
	finews-replica-sync.service finews-replica-sync.timer"
for u in $units; do
	[ -f "$U/$u" ]
	ok $? "$u installed"
done

# verify reads the man pages of Documentation= (man:finews.fcgi(8)) too:
# those installed beside the units.
(cd "$U" && MANPATH=$P/share/man systemd-analyze verify \
	./finews.socket ./finews.service ./finews-import.service \
	./finews-replica-sync.service ./finews-replica-sync.timer) >"$T/verify" 2>&1
ok $? "systemd-analyze verify: every unit loads"
is "$(cat "$T/verify")" "" "systemd-analyze verify: no warnings"
for u in finews.service finews-import.service finews-replica-sync.service; do
	# --threshold=20: fails above an exposure of 2.0 (0 to 10; 5.8 for
	# the unit before socket activation)
	(cd "$U" && systemd-analyze security --offline=true --threshold=20 "./$u") \
		>"$T/security" 2>&1
	ok $? "$u: exposure 2.0 at most: $(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p' "$T/security")"
done

# key FILE KEY: the values of KEY= in FILE, one a line.
key() { sed -n "s/^$2=//p" "$1"; }
S=$U/finews.service
is "$(key "$S" ExecStart | cut -d' ' -f1)" "$P/sbin/finews.fcgi" \
	"finews.service runs the installed finews.fcgi"
[ -x "$(key "$S" ExecStart | cut -d' ' -f1)" ]
ok $? "... which is there"
unlike "$(key "$S" ExecStart)" '--listen|--templates' \
	"finews.fcgi serves the socket it is given, with the installed templates"
is "$(key "$S" StandardInput)" socket "the socket as standard input"
is "$(key "$S" StandardOutput) $(key "$S" StandardError)" "journal journal" \
	"its output to the journal (the default would be the socket)"
is "$(key "$S" RuntimeDirectory)" "" \
	"no RuntimeDirectory (stopping the service would remove the socket's folder)"
is "$(key "$S" StateDirectory)" finews "the store's folder: /var/lib/finews"
is "$(key "$U/finews.socket" ListenStream)" /run/finews/finews.sock \
	"finews.socket: /run/finews/finews.sock"
like "$(cat "$P/share/finews/nginx/finews.nginx")" \
	'server unix:/run/finews/finews.sock ' "the nginx block sends requests there"
I=$U/finews-import.service
like "$(key "$I" ExecStart)" "^$P/bin/finews-import --db /var/lib/finews/finews.db --watch " \
	"finews-import.service: the installed finews-import --watch, into the same store"
is "$(key "$I" Restart)" always "finews-import.service: Restart=always"
is "$(key "$S" User) $(key "$I" User)" "finews finews" "both run as finews"
# systemd-sysusers with the installed sysusers.d/finews.conf, in a root
# folder of the test's own: the user finews, at home in the store's folder.
R=$T/root
mkdir -p "$R/etc" "$R/usr/local/lib/sysusers.d"
: >"$R/etc/passwd"
: >"$R/etc/group"
cp "$P/lib/sysusers.d/finews.conf" "$R/usr/local/lib/sysusers.d/"
systemd-sysusers --root="$R" >"$T/sysusers" 2>&1
ok $? "systemd-sysusers reads sysusers.d/finews.conf"
like "$(cat "$R/etc/passwd")" '^finews:x:[0-9]+:[0-9]+:[^:]*:/var/lib/finews:/usr/sbin/nologin$' \
	"the system user finews, at home in /var/lib/finews, no shell"
like "$(cat "$R/etc/group")" '^finews:' "and its group"

# ---- their programs' system calls, within SystemCallFilter= ------------
# Both run under strace as the units run them: finews.fcgi on a socket
# given as standard input, answering a page of each kind and stopped by
# SIGTERM; finews-import importing the sample, then again.  Every call
# they make must be one their unit allows (a call refused fails with
# EPERM, in production only).  fchown is SQLite's, run as root here: it
# gives a new -wal or -shm the store's owner when root, never as finews.
if ! command -v strace >/dev/null; then
	echo "# no strace (make deps installs it): system calls not checked"
elif [ -n "$_san" ]; then
	echo "# built with the sanitizers, whose runtime makes calls of its own: system calls not checked"
elif ! command -v cgi-fcgi >/dev/null; then
	echo "# no cgi-fcgi (libfcgi-bin): system calls not checked"
else
	# allowed UNIT: the system calls its SystemCallFilter= lines allow.
	systemd-analyze syscall-filter >"$T/groups"
	allowed() {
		python3 - "$T/groups" "$U/$1" <<-'EOF'
		import sys
		groups, cur = {}, None
		for line in open(sys.argv[1]):
		    word = line.split()[0] if line.split() else ""
		    if line.startswith("@"):
		        cur = groups.setdefault(word, [])
		    elif cur is not None and word and not word.startswith("#"):
		        cur.append(word)
		def expand(name):
		    if not name.startswith("@"):
		        return {name}
		    return set().union(*(expand(m) for m in groups.get(name, [])))
		allow = set()
		for line in open(sys.argv[2]):
		    if line.startswith("SystemCallFilter="):
		        value = line.split("=", 1)[1].strip()
		        deny = value.startswith("~")
		        names = set().union(*(expand(n) for n in value.lstrip("~").split()))
		        allow = allow - names if deny else allow | names
		print("\n".join(sorted(allow | {"fchown"})))
		EOF
	}
	# called TRACE: the names of the system calls in an strace -f file.
	called() { sed -n 's/^[0-9]* *\([a-z_0-9]*\)(.*/\1/p' "$1" | LC_ALL=C sort -u; }
	# missing CALLED ALLOWED: the calls of the one not in the other.
	missing() { LC_ALL=C comm -23 "$1" "$2" | tr '\n' ' '; }

	allowed finews.service >"$T/allowed-fcgi"
	allowed finews-import.service >"$T/allowed-import"
	mkdir -p "$T/var"
	db=$T/var/finews.db
	"$P/bin/finews-import" --db "$db" "$SAMPLE" 2>/dev/null
	# shellcheck disable=SC2046  # the unit's command line, word by word
	set -- $(key "$S" ExecStart | sed "s|/var/lib/finews/finews.db|$db|")
	python3 -c 'import socket, subprocess, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(16)
subprocess.run(sys.argv[2:], stdin=s.fileno())' "$T/sock" \
		strace -f -qq -o "$T/fcgi.trace" "$@" >"$T/fcgi.log" 2>&1 &
	runner=$!
	i=0
	until [ -S "$T/sock" ] && grep -q ' accept4(' "$T/fcgi.trace" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 100 ] || break
		sleep 0.1
	done
	# page URL: finews.fcgi's answer to a GET of URL, as nginx would ask.
	page() {
		REQUEST_METHOD=GET REQUEST_URI=$1 SCRIPT_NAME=${1%%\?*} \
			QUERY_STRING=$(printf '%s' "$1" | sed -n 's/^[^?]*?//p') \
			SERVER_NAME=localhost SERVER_PORT=80 \
			cgi-fcgi -bind -connect "$T/sock" 2>/dev/null
	}
	page / >"$T/home"
	article=$(grep -o 'href="/[^"]*\.html"' "$T/home" | head -n 1 | sed 's/^href="//; s/"$//')
	for url in / "$article" /emnews/ /tags/ '/search?q=%E6%B1%BD%E8%BD%A6' /feed.xml \
			/sitemap.xml /nothing-here; do
		page "$url" | head -n 1 | tr -d '\r'
	done >"$T/statuses"
	is "$(sort -u "$T/statuses" | tr '\n' ' ')" "Status: 200 OK Status: 404 Not Found " \
		"finews.fcgi under strace answered each kind of page ($article among them)"
	master=$(sed -n 's/^\([0-9]*\) .*/\1/p' "$T/fcgi.trace" | head -n 1)
	kill "${master:-$runner}"
	wait "$runner"
	called "$T/fcgi.trace" >"$T/fcgi.names"
	is "$(missing "$T/fcgi.names" "$T/allowed-fcgi")" "" \
		"finews.fcgi: every system call is one finews.service allows ($(wc -l <"$T/fcgi.names") kinds)"

	strace -f -qq -o "$T/import.trace" "$P/bin/finews-import" --db "$T/var/new.db" "$SAMPLE" 2>/dev/null
	strace -f -qq -o "$T/import2.trace" "$P/bin/finews-import" --db "$T/var/new.db" "$SAMPLE" 2>/dev/null
	cat "$T/import.trace" "$T/import2.trace" >"$T/imports.trace"
	called "$T/imports.trace" >"$T/import.names"
	is "$(missing "$T/import.names" "$T/allowed-import")" "" \
		"finews-import: every system call is one finews-import.service allows ($(wc -l <"$T/import.names") kinds)"
fi

done_testing

#!/bin/sh
# The systemd units make install writes (finews.socket, finews.service,
# finews-import.service): systemd-analyze verify finds nothing to say
# about them (their programs and man pages installed), their sandboxing
# rates SAFE (systemd-analyze security), they hold what socket
# activation needs, and sysusers.d/finews.conf makes their user.
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
units="finews.socket finews.service finews-import.service"
for u in $units; do
	[ -f "$U/$u" ]
	ok $? "$u installed"
done

# verify reads the man pages of Documentation= (man:finews.fcgi(8)) too:
# those installed beside the units.
(cd "$U" && MANPATH=$P/share/man systemd-analyze verify \
	./finews.socket ./finews.service ./finews-import.service) >"$T/verify" 2>&1
ok $? "systemd-analyze verify: every unit loads"
is "$(cat "$T/verify")" "" "systemd-analyze verify: no warnings"
for u in finews.service finews-import.service; do
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

done_testing

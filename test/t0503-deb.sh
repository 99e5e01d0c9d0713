#!/bin/sh
# make deb: the Debian package builds (debian/, debhelper), lintian finds
# no error in it, it holds what make install PREFIX=/usr installs (and
# the docs), its finews.fcgi finds its templates in /usr/share/finews,
# its version is the Makefile's, and an upgrade restarts the services
# but leaves finews.socket open.
. "$(dirname "$0")/lib.sh"
. "$TOP/test/lib-install.sh"

for tool in dpkg-buildpackage dh lintian; do
	command -v $tool >/dev/null ||
		skip_all "no $tool (make deps installs debhelper, dpkg-dev and lintian)"
done

top_make deb DEB_B="$T/deb"
st=$?
ok $st "make deb"
[ $st -eq 0 ] || { make_log; done_testing; }
version=$(sed -n 's/^VERSION := //p' "$TOP/Makefile")
deb=$(ls "$T"/deb/finews_"$version"_*.deb 2>/dev/null)
ok "$([ -f "$deb" ]; echo $?)" "finews_${version}_ARCH.deb, the Makefile's version"

lintian --fail-on error "$T"/deb/finews_*.changes >"$T/lintian" 2>&1
ok $? "lintian: no errors"
sed -n 's/^[EWIP]: /# lintian: &/p' "$T/lintian"
is "$(grep -c '^E: ' "$T/lintian")" 0 "lintian: no E: lines"

# The package's files against make install's with the package's paths:
# the same but the docs and lintian's overrides, the man pages compressed.
install_into /usr DESTDIR="$T/stage" UNITDIR=/lib/systemd/system
ok $? "make install PREFIX=/usr DESTDIR=\$T/stage UNITDIR=/lib/systemd/system"
dpkg-deb -c "$deb" >"$T/contents"
awk '$1 !~ /^d/ { print $6 }' "$T/contents" | sed 's|^\./||' |
	grep -v -e '^usr/share/doc/' -e '^usr/share/lintian/' | sed 's|^\(usr/share/man/.*\)\.gz$|\1|' | sort >"$T/in-deb"
(cd "$T/stage" && find . ! -type d | sed 's|^\./||' | sort) >"$T/installed"
is "$(diff "$T/installed" "$T/in-deb")" "" "the package holds what make install installs"
grep -q ' \./usr/share/doc/finews/copyright$' "$T/contents"
ok $? "and debian/copyright"

dpkg-deb -x "$deb" "$T/root"
like "$("$T/root/usr/sbin/finews.fcgi" --help)" 'default /usr/share/finews/templates\)' \
	"its finews.fcgi: the templates in /usr/share/finews/templates"
is "$(dpkg-deb -f "$deb" Version)" "$version" "its version: $version"

# The maintainer scripts: neither enabled nor started when installed;
# after an upgrade, the two services restarted if running; the socket
# never stopped by an upgrade, stopped on removal.
dpkg-deb -e "$deb" "$T/control"
invoked() { cat "$T/control/$1" 2>/dev/null | grep 'deb-systemd-invoke'; }
unlike "$(invoked preinst; invoked postinst)" 'finews\.socket' \
	"an upgrade leaves finews.socket open"
like "$(invoked postinst)" "try-restart 'finews-import.service' 'finews.service'" \
	"an upgrade restarts the services that run"
unlike "$(invoked postinst)" 'invoke (start|restart|\$_dh_action) ' "installing starts nothing"
# was-enabled is true on a first installation: debhelper's --no-enable
# snippets ask it only of a unit installed before (debian-installed).
is "$(grep -c 'was-enabled' "$T/control/postinst")" \
	"$(grep -c 'if deb-systemd-helper debian-installed' "$T/control/postinst")" \
	"installing enables nothing: a unit is enabled again only if it was"
like "$(cat "$T/control/prerm")" 'deb-systemd-invoke stop finews\.socket finews\.service finews-import\.service' \
	"removing stops all three"
like "$(cat "$T/control/postinst")" 'systemd-sysusers .*finews\.conf' \
	"installing makes the user finews"

done_testing

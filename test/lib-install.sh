# test/lib-install.sh - make install and friends from the tests, sourced
# after lib.sh:
#
#   top_make TARGET [VAR=VALUE]...
#       make in the checkout with the objects of the build under test
#       ($FINEWS_BIN: build/, or build/san with the sanitizers on), none
#       of the calling make's flags, and its output added to $T/make.log;
#       its exit status.
#   install_into PREFIX [VAR=VALUE]...
#       top_make install with that PREFIX, the programs linked in a folder
#       of the test's own ($T/build-N), so that build/install is left as
#       it was.
#   make_log     $T/make.log as TAP diagnostics (after a failure)

_b=$FINEWS_BIN
case $_b in "$TOP"/*) _b=${_b#"$TOP"/} ;; esac
_san=
ldd "$FCGI" 2>/dev/null | grep -q libasan && _san=SAN=1
_installs=0

top_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		make -C "$TOP" --no-print-directory B="$_b" $_san "$@" \
		</dev/null >>"$T/make.log" 2>&1
}

install_into() {
	_installs=$((_installs + 1))
	_prefix=$1
	shift
	top_make install PREFIX="$_prefix" INSTALL_B="$T/build-$_installs" "$@"
}

make_log() { tail -n 30 "$T/make.log" | sed 's/^/# /'; }

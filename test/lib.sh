# test/lib.sh - TAP helpers for the shell tests, sourced by test/t*.sh.
#
#   . "$(dirname "$0")/lib.sh"
#   ok "$cond_exit_status" "what"; is "$got" "$want" "what"; done_testing
#
# Each test gets a fresh folder $T (removed at exit) and the programs in
# $FINEWS_BIN.  Tests never print anything but TAP; diagnostics are "# ".

set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
: "${FINEWS_BIN:=$TOP/build}"
IMPORT="$FINEWS_BIN/finews-import"
FCGI="$FINEWS_BIN/finews.fcgi"
GEN="$FINEWS_BIN/test/gen-site"
SAMPLE="$TOP/test/sample"
CORPUS="$TOP/../shared/corpus/finews"
T="$TOP/build/tmp/$(basename "$0" .sh)"
rm -rf "$T"
mkdir -p "$T"
_n=0
_failed=0
_cleanups=""
trap '_cleanup' EXIT

at_exit() { _cleanups="$1; $_cleanups"; }
_cleanup() {
	eval "$_cleanups" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}

# ok STATUS DESCRIPTION: passes when STATUS is 0.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# like TEXT PATTERN DESCRIPTION: TEXT matches the grep -E PATTERN.
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   %s\n#   does not match: %s\n' "$(printf '%s' "$1" | head -c 300)" "$2"
	fi
}

# unlike TEXT PATTERN DESCRIPTION
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '#   matches: %s\n' "$2"
	else
		ok 0 "$3"
	fi
}

# skip_all REASON
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
	exit $?
}

# q DB SQL: one query against a store.
q() { sqlite3 -batch -noheader "$1" "$2"; }

# import_sample_site: the sample site's _config.yml and posts in $T/site
# (where a test adds or changes posts), imported into $T/db.
import_sample_site() {
	mkdir -p "$T/site/_posts"
	cp "$SAMPLE/_config.yml" "$T/site/"
	cp "$SAMPLE"/_posts/*.md "$T/site/_posts/"
	"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" ||
		bail "import failed: $(cat "$T/import.err")"
}

# import_details_site: the sample site plus the posts of test/details/
# (a table and a picture, one to take down) in $T/site, imported into $T/db.
import_details_site() {
	mkdir -p "$T/site"
	cp -R "$SAMPLE/." "$T/site/"
	cp "$TOP"/test/details/*.md "$T/site/_posts/"
	"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" ||
		bail "import failed: $(cat "$T/import.err")"
}

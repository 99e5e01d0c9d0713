#!/bin/sh
# The man pages: man/finews-import.1 and man/finews.fcgi.8 pass
# mandoc -T lint, and each documents exactly the options its program's
# --help lists (plus --help and --version), no more and no fewer.
. "$(dirname "$0")/lib.sh"

command -v mandoc >/dev/null || skip_all "no mandoc (make deps installs it)"

# Options a man page may document before its program has them (while
# they are being built): none now.
PENDING_IMPORT=""

# lint PAGE: mandoc's messages, but those about manuals this machine does
# not have (finews's own are not installed while testing) and its index.
lint() {
	mandoc -T lint "$1" 2>&1 |
		grep -v -e 'referenced manual not found' -e 'mandoc\.db' -e 'makewhatis'
}

# The options of a man page: its .It Fl -NAME items, one a line, sorted.
man_options() {
	sed -n 's/^\.It Fl \(-[a-z][a-z-]*\).*/-\1/p' "$1" | sort -u
}

# The options --help names, with --help and --version, which the
# programs take without listing them; sorted.
help_options() {
	{ "$1" --help | grep -oE -- '--[a-z][a-z-]*'; echo --help; echo --version; } |
		sort -u
}

# only_in A B: the lines of A that are not in B (both sorted).
only_in() { printf '%s\n' "$1" | comm -23 - "$2"; }

check_page() {
	prog=$1 page=$2 pending=$3
	name=$(basename "$page")
	is "$(lint "$page")" "" "$name: mandoc -T lint finds nothing"
	"$prog" --help >/dev/null
	ok $? "$name: $(basename "$prog") --help exits 0"
	like "$("$prog" --version)" "^$(basename "$prog") [0-9]" \
		"$name: $(basename "$prog") --version prints its version"

	man_options "$page" >"$T/man"
	help_options "$prog" >"$T/help"
	ok "$([ -s "$T/man" ] && [ -s "$T/help" ]; echo $?)" "$name: both list options"
	is "$(comm -23 "$T/help" "$T/man" | tr '\n' ' ' | sed 's/ $//')" "" \
		"$name: every option of --help is in the man page"
	printf '%s\n' $pending | sort -u >"$T/pending"
	missing=$(comm -23 "$T/man" "$T/help")
	is "$(only_in "$missing" "$T/pending" | tr '\n' ' ' | sed 's/ $//')" "" \
		"$name: every option of the man page is in --help${pending:+ (but the pending $pending)}"
	for p in $(comm -12 "$T/help" "$T/pending"); do
		echo "# $p is in --help now: take it out of the pending list"
	done
}

check_page "$FCGI" "$TOP/man/finews.fcgi.8" ""
check_page "$IMPORT" "$TOP/man/finews-import.1" "$PENDING_IMPORT"

# The two pages name each other.
like "$(cat "$TOP/man/finews.fcgi.8")" '^\.Xr finews-import 1' \
	"finews.fcgi(8) refers to finews-import(1)"
like "$(cat "$TOP/man/finews-import.1")" '^\.Xr finews\.fcgi 8' \
	"finews-import(1) refers to finews.fcgi(8)"

done_testing

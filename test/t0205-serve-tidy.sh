#!/bin/sh
# Every kind of HTML page passes `tidy -q -e` without errors (warnings are
# shown as diagnostics but allowed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v tidy >/dev/null || skip_all "tidy is not installed"
"$IMPORT" --db "$T/db" "$SAMPLE" 2>"$T/import.err" || bail "sample import failed"
serve "$T/db"

for p in / /emnews/ /sitenews/ /emnews/2021/12/13/202112132201708842.html \
	/emnews/2021/12/14/202112142201846612.html /nanchangribao/2022/01/10/NW202201102241150382.html \
	/sitenews/2022/01/01/holiday.html /nanchangribao/2022/01/12/NW202201122241377205.html \
	/tags/%E5%A4%96%E6%B1%87/ /emnews/jingjiribao/2021/12/13/202112132201712270.html \
	"/html_News/NewsShare.html?infoCode=NW202112132201708842" /no/such/page \
	"/html_News/NewsShare.html?infoCode=NW999999999999999999" '/%ff/'; do
	get "$p"
	tidy -q -e "$T/body" >"$T/tidy" 2>&1
	st=$?
	[ "$st" -le 1 ]
	ok $? "$p ($STATUS): tidy finds no errors (exit status $st)"
	sed 's/^/#   /' "$T/tidy"
done
done_testing

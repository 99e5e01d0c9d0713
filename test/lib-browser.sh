# lib-browser.sh - for shell tests that drive Debian's chromium from a
# script in test/browser/ (playwright-core and axe-core from the npm
# registry, installed under build/browser by `make browser-deps`).
# browser SCRIPT ARGS...: runs test/browser/SCRIPT with node; each line
# "PASS name" or "FAIL name" it prints becomes one of this test's ok lines,
# "#" lines are kept, and a script that ends without a zero status fails.
BROWSER_MODULES="$TOP/build/browser/node_modules"
[ -d "$BROWSER_MODULES/playwright-core" ] && [ -d "$BROWSER_MODULES/axe-core" ] ||
	skip_all "browser modules missing: run make browser-deps"
command -v node >/dev/null || skip_all "node is not installed"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || skip_all "chromium is not installed"

browser() {
	script=$1
	shift
	NODE_PATH="$BROWSER_MODULES" timeout 300 node "$TOP/test/browser/$script" "$@" \
		>"$T/browser.out" 2>"$T/browser.err"
	st=$?
	while IFS= read -r line; do
		case $line in
		"PASS "*) ok 0 "${line#PASS }" ;;
		"FAIL "*) ok 1 "${line#FAIL }" ;;
		"#"*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done <"$T/browser.out"
	ok "$st" "$script ended normally (exit status $st)"
	[ "$st" -eq 0 ] || sed -n '1,20s/^/#   /p' "$T/browser.err"
}

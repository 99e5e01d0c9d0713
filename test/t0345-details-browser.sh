#!/bin/sh
# The details a reader notices, in Debian's chromium (test/browser/
# details.cjs): the share button, print, the search button at 320 px, a
# wide table on a phone, full-width Chinese quotation marks.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"
. "$(dirname "$0")/lib-browser.sh"

import_details_site
serve "$T/db"
browser details.cjs "$BASE" /jingjiribao/2021/12/20/NW202112202200000001.html
done_testing

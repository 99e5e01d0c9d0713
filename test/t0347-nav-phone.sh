#!/bin/sh
# On a phone (390 px and 320 px wide, in Debian's chromium) the current
# category is always on screen in the navigation: a category outside the
# menu, shown after it, and the menu's last item, both with long labels,
# and 全部来源 on the source index.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
. "$(dirname "$0")/lib-http.sh"

. "$(dirname "$0")/lib-menu.sh"
posts wire-a 12 东财滚动新闻
posts wire-b 11 东财滚动新闻
posts zhengquanshibao 10 证券时报网站新闻
posts shanghaizhengquanbao 9 上海证券报精选
posts zhongguozhengquanbao 8 中国证券报要闻
posts jingjicankaobao 7 经济参考报头版
posts xinhuashe-caijing 2 新华社财经快讯滚动
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/import.err" || bail "import failed"
serve "$T/db"
last=$(q "$T/db" "SELECT slug FROM categories WHERE menu IS NOT NULL ORDER BY slug DESC LIMIT 1")
browser nav-current.cjs "$BASE" /xinhuashe-caijing/ "/$last/" /category/

stop_server
done_testing

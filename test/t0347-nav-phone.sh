#!/bin/sh
# On a phone (390 px and 320 px wide, in Debian's chromium) the current
# category is always on screen in the navigation: a category outside the
# menu, shown after it, and the menu's last item, both with long labels,
# and 全部来源 on the source index.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-browser.sh"
. "$(dirname "$0")/lib-http.sh"

mkdir -p "$T/site/_posts"
printf 'title: 菜单\ntimezone: Asia/Shanghai\n' > "$T/site/_config.yml"
seq=0
# posts CATEGORY N [TAG]: N more posts in CATEGORY
posts() {
	i=0
	while [ "$i" -lt "$2" ]; do
		seq=$((seq + 1)) i=$((i + 1))
		printf -- '---\ntitle: "%s 第 %d 条"\ndate: 2022-04-07 %02d:%02d:00\ncategories: %s\n%s---\n正文。\n' \
			"$1" "$seq" $((8 + seq / 60)) $((seq % 60)) "$1" \
			"${3:+tags: [$3]
}" >"$T/site/_posts/2022-04-07-p$seq.md"
	done
}
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

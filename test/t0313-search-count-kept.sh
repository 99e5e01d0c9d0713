#!/bin/sh
# A search's count is kept by each worker for the store's data version
# (ui-search.c: count): asked again, the count is the store's own, and an
# import that adds or changes a matching post changes it at once; every
# filter and every search text has its own count, also past the 16 kept.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

import_sample_site
serve "$T/db"
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'; }
# The count the page shows, and the store's own.
shown() { get "$1"; sed -n 's/.*共找到 \([0-9][0-9]*\) 篇.*/\1/p' "$T/body" | head -n 1; }
stored() {
	q "$T/db" "SELECT count(*) FROM posts p JOIN search s ON s.rowid = p.sk
		WHERE instr(s.text, '$1') ${2-}"
}
bank=$(enc 银行)

n=$(stored 银行)
ok $([ "$n" -ge 3 ] && echo 0 || echo 1) "the sample has several posts with 银行 ($n)"
for i in 1 2 3 4; do   # both workers, twice each at least
	is "$(shown "/search?q=$bank")" "$n" "asked again ($i): the store's count"
done

cat_id=$(q "$T/db" "SELECT id FROM categories WHERE slug = 'emnews'")
in_cat=$(stored 银行 "AND EXISTS (SELECT 1 FROM post_categories pc
	WHERE pc.post_id = p.id AND pc.category_id = $cat_id)")
ok $([ "$in_cat" -lt "$n" ] && echo 0 || echo 1) "fewer of them in emnews ($in_cat)"
for i in 1 2; do
	is "$(shown "/search?q=$bank&cat=emnews")" "$in_cat" "a category filter: its own count ($i)"
done
day=$(q "$T/db" "SELECT replace(p.day, '/', '-') FROM posts p JOIN search s ON s.rowid = p.sk
	WHERE instr(s.text, '银行') ORDER BY p.sk DESC LIMIT 1")
on_day=$(stored 银行 "AND p.day = '$(echo "$day" | tr - /)'")
for i in 1 2; do
	is "$(shown "/search?q=$bank&from=$day&to=$day")" "$on_day" "a day filter: its own count ($i)"
done

# A new post with the word, imported while the server runs: every worker
# counts it on the next request.
printf -- '---\ntitle: "银行间市场的新消息"\ndate: 2022-03-01 09:00:00\ncategories: emnews\n---\n又一家银行。\n' \
	> "$T/site/_posts/2022-03-01-202203010000000001.md"
"$IMPORT" --db "$T/db" "$T/site/_posts/2022-03-01-202203010000000001.md" 2>/dev/null
is "$(stored 银行)" "$((n + 1))" "the store has one more"
for i in 1 2 3 4; do
	is "$(shown "/search?q=$bank")" "$((n + 1))" "after the import ($i): one more"
done
is "$(shown "/search?q=$bank&cat=emnews")" "$((in_cat + 1))" "in emnews too"
# The post changed so that it no longer holds the word.
printf -- '---\ntitle: "市场的新消息"\ndate: 2022-03-01 09:00:00\ncategories: emnews\n---\n又一家公司。\n' \
	> "$T/site/_posts/2022-03-01-202203010000000001.md"
"$IMPORT" --db "$T/db" "$T/site/_posts/2022-03-01-202203010000000001.md" 2>/dev/null
for i in 1 2 3; do
	is "$(shown "/search?q=$bank")" "$n" "the post changed ($i): the count as before"
done

# More searches than a worker keeps, then the first again.
for w in 市场 经济 中国 公司 政策 企业 发展 投资 金融 人民 增长 央行 消费 价格 汽车 数据 产业 服务; do
	get "/search?q=$(enc $w)"
done
is "$(shown "/search?q=$bank")" "$n" "after 18 other searches: still the store's count"
is "$(shown "/search?q=$(enc 市场)")" "$(stored 市场)" "and theirs (市场)"
done_testing

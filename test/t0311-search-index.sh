#!/bin/sh
# The search index stays quick however the archive grows: search_trigrams
# lists every trigram the index holds (so a one- or two-character word
# finds its trigrams in one range), and a large import leaves the index
# merged into one segment, while a run of a few posts does not pay for a
# merge.  Words of up to three characters are answered by the index
# alone; the results still hold exactly the posts with the word.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

segments() { q "$T/db" "SELECT count(DISTINCT segid) FROM search_idx"; }
unlisted() { q "$T/db" "SELECT count(*) FROM search_terms WHERE term NOT IN (SELECT term FROM search_trigrams)"; }

"$GEN" "$T/site" 5000 || bail "gen-site failed"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
is "$?" 0 "5,000 posts imported"
is "$(segments)" 1 "a large import leaves the index in one segment"
is "$(unlisted)" 0 "every trigram of the index is in search_trigrams"
is "$(q "$T/db" "SELECT count(*) FROM search_trigrams")" \
	"$(q "$T/db" "SELECT count(*) FROM search_terms")" "and no other"

"$GEN" --one "$T/site" 5000 || bail "gen-site --one failed"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
is "$(segments)" 2 "one new post adds a segment, without merging the index"
is "$(unlisted)" 0 "its trigrams are listed too"

# A changed post: its new trigrams are listed.
f=$(ls "$T/site/_posts" | head -n 1)
printf '\n独一无二的词语龘\n' >>"$T/site/_posts/$f"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
is "$(unlisted)" 0 "a changed post's new trigrams are listed"
is "$(q "$T/db" "SELECT count(*) FROM search_trigrams WHERE term = '词语龘'")" 1 "among them the one it added"

serve "$T/db"
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'; }
found() { grep -o 'class="post-title" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//'; }
# the newest 20 posts holding every word, from the stored text itself
expect() {
	q "$T/db" "SELECT '/' || category_path || '/' || day || '/' || slug || '.html'
		FROM posts p JOIN search s ON s.rowid = p.sk WHERE $1 ORDER BY p.sk DESC LIMIT 20"
}
count() { sed -n 's/.*共找到 \([0-9]*\) 篇.*/\1/p' "$T/body" | head -n 1; }
for w in 龘 词语 语龘 词语龘 汽车 车 银行; do
	get "/search?q=$(enc "$w")"
	is "$(found)" "$(expect "instr(s.text, '$w')")" "'$w': the newest posts holding it"
done
get "/search?q=$(enc 龘)"
is "$(count)" 1 "a rare character: counted exactly"
get "/search?q=$(enc '汽车 龘')"
is "$(found)" "$(expect "instr(s.text, '汽车') AND instr(s.text, '龘')")" "two words: the posts holding both"
get "/search?q=$(enc 一无二的)"
is "$(found)" "$(expect "instr(s.text, '一无二的')")" "a four-character word is checked against the text"

# A character so common that 1,000 or more trigrams start with it is
# checked in the text instead: the results are still every post holding it.
python3 -c 'print("---\ntitle: 常见字\ndate: 2030-01-02 10:00:00\ncategories: news\n---\n"
	+ " ".join("\u9f98" + chr(0x4e00 + i) for i in range(1100)))' >"$T/site/_posts/2030-01-02-common.md"
printf -- '---\ntitle: 末尾\ndate: 2030-01-01 10:00:00\ncategories: news\n---\n龘龥\n' >"$T/site/_posts/2030-01-01-last.md"
"$IMPORT" --db "$T/db" "$T/site" 2>/dev/null
ok $([ "$(q "$T/db" "SELECT count(*) FROM search_trigrams WHERE term >= '龘' AND term < '龙'")" -gt 1000 ] && echo 0 || echo 1) \
	"over 1,000 trigrams start with 龘"
for w in '龘 词语' '龘龥'; do
	get "/search?q=$(enc "$w")"
	want=$(expect "$(for x in $w; do printf "instr(s.text, '%s') AND " "$x"; done) 1")
	is "$(found)" "$want" "'$w': the newest posts holding it"
done
# Such a word reads each post's text: a page looks at 1,000 of them at
# most, says so, and goes on from there.
get "/search?q=$(enc 龘)"
all=$(expect "instr(s.text, '龘')")
like "$(body)" "这一页只查看了 1000 条候选结果" "'龘': the page says it looked at 1,000 posts"
like "$(body)" "在最新的 1000 条候选中有 2 篇" "and what it counted"
next() { grep -o 'class="pager-next" rel="next" href="[^"]*"' "$T/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'; }
got=$(found)
for i in 1 2 3 4 5 6 7; do
	n=$(next)
	[ -n "$n" ] || break
	get "$n"
	got=$(printf '%s\n%s\n' "$got" "$(found)" | sed '/^$/d')
done
is "$got" "$all" "'龘': its next pages hold the rest"
is "$(next)" "" "and the last has no next page"
done_testing

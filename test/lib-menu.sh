# lib-menu.sh - the menu tests' site: $T/site with a _config.yml, and
# posts CATEGORY N [TAG] writing N more posts in CATEGORY (each a minute
# after the last, tagged TAG when given).
mkdir -p "$T/site/_posts"
printf 'title: 菜单\ntimezone: Asia/Shanghai\n' > "$T/site/_config.yml"
seq=0
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

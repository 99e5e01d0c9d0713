#!/bin/sh
# The importer against hostile sources: special files (a symlink to
# /dev/zero, a FIFO, a folder loop, names with a newline) never hang or
# kill it; any single post is imported or refused within bounded memory;
# two imports take turns; a reader of stderr that goes away loses
# nothing; a full disk leaves no WAL filling it.
. "$(dirname "$0")/lib.sh"

S="$T/site"
P="$S/_posts"
mkdir -p "$P"
printf 'title: 特殊文件\n' > "$S/_config.yml"
post() { printf -- '---\ntitle: "%s"\ndate: 2021-12-08 10:00:00\ncategories: news\n---\n%s的正文。\n' "$2" "$2" > "$P/$1"; }
post 2021-12-08-good.md 好文章
ln -s /dev/zero "$P/2021-12-08-zero.md"
mkfifo "$P/2021-12-08-fifo.md"
ln -s "$P" "$P/loop"
mkdir -p "$T/elsewhere"
printf -- '---\ntitle: "别处"\ndate: 2021-12-08 11:00:00\ncategories: news\n---\n别处的正文。\n' > "$T/elsewhere/2021-12-08-elsewhere.md"
ln -s "$T/elsewhere" "$P/linked"
ln -s "$T/elsewhere" "$P/linked-again"
post "$(printf '2021-12-08-new\nline.md')" 换行
mkdir "$P/2021-12-08-folder.md"
post 2021-12-08-folder.md/2021-12-08-inside.md 文件夹里

timeout 60 "$IMPORT" --db "$T/db" "$S" 2>"$T/err" </dev/null
is "$?" 0 "the run ends, exit status 0 (nothing failed, special files skipped)"
err=$(cat "$T/err")
like "$err" "_posts/2021-12-08-zero.md: skipped: not a regular file" "a symlink to /dev/zero: skipped"
like "$err" "_posts/2021-12-08-fifo.md: skipped: not a regular file" "a FIFO: skipped, no hang"
like "$err" "_posts/loop: skipped: a folder already read" "a folder loop: followed never"
like "$err" "_posts/linked-again: skipped: a folder already read" "a folder linked twice: read once"
like "$err" '_posts/2021-12-08-new\\nline.md: skipped: a control character in its name' \
	"a name with a newline: skipped, the newline shown as \\\\n, one line"
is "$(grep -c ": skipped: " "$T/err")" 5 "one line per skipped entry"
is "$(q "$T/db" "SELECT group_concat(title, ' ') FROM (SELECT title FROM posts ORDER BY title)")" \
	"别处 好文章 文件夹里" "the posts, each once: through a folder link, in a folder named like a post"
is "$(q "$T/db" "SELECT count(*) FROM files")" 3 "three files"

# Any single post is imported or refused within bounded memory: 8 MB of
# marks that cmark would take to 1.5 GB, and 20 posts of 8 MB.
B="$T/big/_posts"
mkdir -p "$B"
printf 'title: 大文件\n' > "$T/big/_config.yml"
big() {   # big NAME PATTERN: an 8 MB post made of PATTERN
	{ printf -- '---\ntitle: "%s"\ndate: 2021-12-09\n---\n' "$1"
	  yes "$2" | tr -d '\n' | head -c 8380000; printf '\n'; } > "$B/2021-12-09-$1.md"
}
big brackets '[a'
big stars '*a'
big tags '<a'
big quotes '> '
i=0
while [ $i -lt 16 ]; do
	i=$((i + 1))
	{ printf -- '---\ntitle: "长文%s"\ndate: 2021-12-09\n---\n' $i
	  yes '很长的一段正文，没有什么格式。' | head -c 8380000; } > "$B/2021-12-09-long$i.md"
done
if nm "$IMPORT" 2>/dev/null | grep -q __asan_init; then
	limit=4000000     # KB: AddressSanitizer's own shadow memory
else
	limit=262144      # KB: 256 MB
fi
/usr/bin/time -f '%M' -o "$T/rss" timeout 600 "$IMPORT" --db "$T/big.db" "$T/big" 2>"$T/big.err" </dev/null
is "$?" 0 "20 posts of 8 MB, four of them all marks: imported"
rss=$(tail -n 1 "$T/rss")
ok "$([ "$rss" -lt "$limit" ]; echo $?)" "peak memory ${rss} KB, under $limit KB"
like "$(cat "$T/big.err")" "2021-12-09-brackets.md:1: warning: more than 100000 marks" "the marked post: shown as written, with a warning"
is "$(q "$T/big.db" "SELECT count(*) FROM posts")" 20 "every one of them stored"
like "$(q "$T/big.db" "SELECT substr(body_html, 1, 30) FROM posts WHERE title = 'brackets'")" "^<pre><code>\\[a\\[a" \
	"as preformatted text"

# Two imports at once: the second waits its turn.
cp "$T/db" "$T/lockdb"
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+"); fcntl.flock(f, fcntl.LOCK_EX)
sys.stdout.write("locked\n"); sys.stdout.flush(); time.sleep(3)' "$T/lockdb" >"$T/holder" &
h=$!
while [ ! -s "$T/holder" ]; do sleep 0.1; done
start=$(date +%s)
post 2021-12-08-third.md 第三次
"$IMPORT" --db "$T/lockdb" "$S" 2>"$T/b.err" </dev/null
is "$?" 0 "an import while another holds the store: exit 0"
waited=$(( $(date +%s) - start ))
ok "$([ $waited -ge 2 ]; echo $?)" "it waited its turn (${waited} s), no 'database is locked'"
like "$(cat "$T/b.err")" "another import is writing .*; waiting for it to finish" "and said so"
unlike "$(cat "$T/b.err")" "locked" "no 'database is locked'" 
wait $h

# A reader of stderr that goes away (| head): the run is not lost.
post 2021-12-08-pipe1.md 管道一
i=0
while [ $i -lt 50 ]; do i=$((i + 1)); printf 'x\n' > "$P/not-a-post-$i.txt"; done
( "$IMPORT" --db "$T/pipe.db" "$S" 2>&1 >/dev/null </dev/null; echo "$?" > "$T/pipe.rc" ) | head -c 1 >/dev/null
is "$(cat "$T/pipe.rc")" 0 "stderr closed under it: exit 0, not SIGPIPE"
is "$(q "$T/pipe.db" "SELECT count(*) FROM posts WHERE title = '管道一'")" 1 "and the posts are in"

# A full disk: the run fails cleanly and its WAL does not keep the space.
M="$T/small"
mkdir -p "$M"
if mount -t tmpfs -o size=6m tmpfs "$M" 2>/dev/null; then
	at_exit "umount '$M' 2>/dev/null"
	"$IMPORT" --db "$M/db" "$S" 2>/dev/null </dev/null   # a store in WAL mode
	"$IMPORT" --db "$M/db" "$T/big/_posts/2021-12-09-long1.md" "$T/big/_posts/2021-12-09-long2.md" 2>"$T/full.err" </dev/null
	is "$?" 2 "disk full: exit status 2"
	like "$(cat "$T/full.err")" "full" "with SQLite's reason"
	wal=$(stat -c %s "$M/db-wal" 2>/dev/null || echo 0)
	is "$wal" 0 "the WAL is given back (0 bytes)"
	is "$(q "$M/db" "PRAGMA integrity_check")" ok "the store is whole"
	is "$(q "$M/db" "SELECT count(*) FROM posts WHERE title LIKE '长文%'")" 0 "and as it was"
else
	ok 0 "# SKIP no tmpfs mount here (not root): the disk-full case is not run"
fi
unlike "$(cat "$T/err" "$T/big.err" "$T/b.err")" "AddressSanitizer|runtime error" "no sanitizer report"
done_testing

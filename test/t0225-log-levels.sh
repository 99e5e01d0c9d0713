#!/bin/sh
# Log levels for the journal: when JOURNAL_STREAM names stderr (as
# systemd sets it), every line of finews-import and finews.fcgi starts
# with <3> (error), <4> (warning) or <6> (information), one line per
# event; anywhere else the lines are as they were, without a prefix.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-http.sh"

P="$T/site/_posts"
mkdir -p "$P"
printf 'title: t\n' > "$T/site/_config.yml"
printf -- '---\ntitle: 好\ndate: 2021-12-08 10:00:00\ncategories: emnews\n---\n正文\n' \
	> "$P/2021-12-08-good.md"
printf -- '---\ntitle: "坏\ndate: [2021\n---\n正文\n' > "$P/2021-12-08-yaml.md"
printf -- '---\ntitle: 坏日期\ndate: 2021-13-45 99:00:00\n---\n正文\n' > "$P/2021-12-08-baddate.md"
printf 'notes\n' > "$P/notes.txt"

# journal FILE: JOURNAL_STREAM as systemd would set it for stderr = FILE
journal() { stat -c '%d:%i' "$1"; }

# finews-import, stderr the "journal"
: > "$T/import.log"
JOURNAL_STREAM=$(journal "$T/import.log") "$IMPORT" --db "$T/db" "$T/site" 2>>"$T/import.log"
is "$?" 1 "finews-import: exit status 1 (a file failed)"
log=$(cat "$T/import.log")
like "$log" "^<3>.*_posts/2021-12-08-yaml.md:[0-9]+: YAML error" "a failed file: <3>"
like "$log" "^<4>.*_posts/2021-12-08-baddate.md:3: warning: bad date" "a warning: <4>"
like "$log" "^<6>.*_posts/notes.txt: skipped: " "a skipped file: <6>"
like "$log" "^<6>finews-import: 1 files skipped" "the count of skipped files: <6>"
like "$log" "^<6>finews-import: 2 added, 0 updated, 0 unchanged, 1 failed" "the summary: <6>"
is "$(grep -cv '^<[346]>' "$T/import.log")" 0 "every line has its level"

# Not the journal: no prefix; JOURNAL_STREAM naming another file (a
# program started from a service, its stderr elsewhere) neither.
touch "$P/2021-12-08-good.md"
"$IMPORT" --db "$T/db" "$T/site" 2>"$T/plain.log"
: > "$T/other.log"
JOURNAL_STREAM=$(journal "$T/other.log") "$IMPORT" --db "$T/db" "$T/site" 2>"$T/other-plain.log"
for f in plain other-plain; do
	like "$(cat "$T/$f.log")" "^finews-import: 0 added, 0 updated, 2 unchanged, 1 failed" \
		"$f: the summary as it was"
	is "$(grep -c '^<' "$T/$f.log")" 0 "$f: no line with a level"
done
JOURNAL_STREAM=garbage "$IMPORT" --db "$T/db" "$T/site" 2>"$T/garbage.log"
is "$(grep -c '^<' "$T/garbage.log")" 0 "JOURNAL_STREAM that is not DEVICE:INODE: no level"

# finews.fcgi, stderr the "journal": a SIGHUP (<6>), a worker killed (<3>),
# the store gone (<3>, counted).
: > "$FCGI_LOG"
JOURNAL_STREAM=$(journal "$FCGI_LOG")
export JOURNAL_STREAM
serve "$T/db" --workers 2
unset JOURNAL_STREAM
master=$_fcgi_pid
is "$(status_of /emnews/)" 200 "finews.fcgi serves"
wait_log() { # PATTERN: up to 10 s for it in the log
	_w=0
	until grep -q "$1" "$FCGI_LOG"; do
		_w=$((_w + 1))
		[ $_w -le 200 ] || return 1
		sleep 0.05
	done
}
kill -HUP "$master"
wait_log "every worker replaced"
kill -9 "$(pgrep -P "$master" | head -1)"
wait_log "killed by signal 9"
mv "$T/db" "$T/db.away"
is "$(status_of /emnews/)" 503 "the store gone: 503"
stop_server
log=$(cat "$FCGI_LOG")
like "$log" "^<6>finews: SIGHUP: templates loaded" "finews.fcgi: a reload: <6>"
like "$log" "^<6>finews: SIGHUP: every worker replaced" "its end: <6>"
like "$log" "^<3>finews: worker [0-9]+ killed by signal 9" "a worker killed: <3>"
like "$log" "^<3>finews: .*/db: No such file or directory" "the store gone: <3>"
is "$(grep -cv '^<[346]>' "$FCGI_LOG")" 0 "every line has its level"
unlike "$log" "Sanitizer|runtime error" "no sanitizer report"
done_testing

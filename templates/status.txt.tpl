{{! status.txt.tpl - /_status (ui-status.c), the operators' page: plain
    text, one "key: value" a line, every text value through :x-line
    (tmpl.cc: a control character, a newline say, becomes a space), so
    that each stays on its line.  A key without a value is left out.
    README: Serving, The status page.
    Expects: POSTS, section NEWEST (TITLE, URL, TIME), section IMPORT
    (TIME, section RESULT: TEXT), STORE_VERSION, STORE_PATH, section
    SNAPSHOT (NAME, PUBLISHED, AGE), section REFUSED (TIME, WHY), STARTED,
    WORKERS, RESTARTS, RELOADS, section RELOADED (TIME), REQUESTS,
    section WORKER (PID, REQUESTS, STARTED). }}
posts: {{POSTS}}
{{#NEWEST}}
newest_post_title: {{TITLE:x-line}}
newest_post_url: {{URL:x-line}}
newest_post_time: {{TIME:x-line}}
{{/NEWEST}}
{{#IMPORT}}
last_import_time: {{TIME:x-line}}
{{#RESULT}}
last_import_result: {{TEXT:x-line}}
{{/RESULT}}
{{/IMPORT}}
store_version: {{STORE_VERSION}}
store_path: {{STORE_PATH:x-line}}
{{#SNAPSHOT}}
snapshot: {{NAME:x-line}}
snapshot_published: {{PUBLISHED:x-line}}
snapshot_age_seconds: {{AGE}}
{{/SNAPSHOT}}
{{#REFUSED}}
store_refused: {{TIME:x-line}} {{WHY:x-line}}
{{/REFUSED}}
started: {{STARTED:x-line}}
workers: {{WORKERS}}
worker_restarts: {{RESTARTS}}
reloads: {{RELOADS}}
{{#RELOADED}}
last_reload_time: {{TIME:x-line}}
{{/RELOADED}}
requests: {{REQUESTS}}
{{#WORKER}}
worker: pid {{PID}}, {{REQUESTS}} requests, started {{STARTED:x-line}}
{{/WORKER}}

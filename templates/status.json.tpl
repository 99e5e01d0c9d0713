{{%AUTOESCAPE context="JSON"}}
{{! status.json.tpl - /_status?format=json (ui-status.c): the keys of
    status.txt.tpl, as one JSON object; the workers as the array
    "worker".  Every value through :x-json (tmpl.cc), text inside its
    quotes.  A key without a value is left out. }}
{"posts": {{POSTS:x-json}}
{{#NEWEST}}
,"newest_post_title": "{{TITLE:x-json}}"
,"newest_post_url": "{{URL:x-json}}"
,"newest_post_time": "{{TIME:x-json}}"
{{/NEWEST}}
{{#IMPORT}}
,"last_import_time": "{{TIME:x-json}}"
{{#RESULT}}
,"last_import_result": "{{TEXT:x-json}}"
{{/RESULT}}
{{/IMPORT}}
,"store_version": {{STORE_VERSION:x-json}}
,"store_path": "{{STORE_PATH:x-json}}"
{{#SNAPSHOT}}
,"snapshot": "{{NAME:x-json}}"
,"snapshot_published": "{{PUBLISHED:x-json}}"
,"snapshot_age_seconds": {{AGE:x-json}}
{{/SNAPSHOT}}
{{#REFUSED}}
,"store_refused_time": "{{TIME:x-json}}"
,"store_refused": "{{WHY:x-json}}"
{{/REFUSED}}
,"started": "{{STARTED:x-json}}"
,"workers": {{WORKERS:x-json}}
,"worker_restarts": {{RESTARTS:x-json}}
,"reloads": {{RELOADS:x-json}}
{{#RELOADED}}
,"last_reload_time": "{{TIME:x-json}}"
{{/RELOADED}}
,"requests": {{REQUESTS:x-json}}
,"worker": [{{#WORKER}}{"pid": {{PID:x-json}}, "requests": {{REQUESTS:x-json}}, "started": "{{STARTED:x-json}}"}{{#WORKER_separator}}, {{/WORKER_separator}}{{/WORKER}}]
}

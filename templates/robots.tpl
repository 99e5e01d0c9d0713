User-agent: *
Allow: /
Sitemap: {{SITEMAP_URL}}
{{! robots.tpl - /robots.txt (ui-sitemap.c): plain text, so no
    autoescaping.  Expects: SITEMAP_URL (absolute). }}

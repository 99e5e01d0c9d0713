{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="UTF-8"?>
{{! sitemap.tpl - a sitemap (ui-sitemap.c), at most 50,000 URLs; every
    value through :x-xml (tmpl.cc), as in feed.tpl.
    Expects: section URL: LOC (absolute), LASTMOD (W3C datetime) with
    section DATED shown when there is one (an empty store has none). }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{#URL}}
<url><loc>{{LOC:x-xml}}</loc>{{#DATED}}<lastmod>{{LASTMOD:x-xml}}</lastmod>{{/DATED}}</url>
{{/URL}}
</urlset>

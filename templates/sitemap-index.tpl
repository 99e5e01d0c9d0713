{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="UTF-8"?>
{{! sitemap-index.tpl - the sitemap index (ui-sitemap.c), when the site
    has more URLs than one sitemap may hold; every value through :x-xml.
    Expects: section SITEMAP: LOC (absolute), LASTMOD (W3C datetime). }}
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{#SITEMAP}}
<sitemap><loc>{{LOC:x-xml}}</loc><lastmod>{{LASTMOD:x-xml}}</lastmod></sitemap>
{{/SITEMAP}}
</sitemapindex>

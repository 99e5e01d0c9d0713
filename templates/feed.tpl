{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>
{{! feed.tpl - an Atom 1.0 feed (ui-feed.c), XML-escaped throughout by
    :x-xml (tmpl.cc: escaping, and only characters XML allows; every value
    has it): the entries' HTML goes out as escaped text in
    <content type="html">.
    Expects: LANG, SITE_AUTHOR, FEED_URL (this feed, absolute), FEED_PAGE
    (its HTML page, absolute), FEED_TITLE, FEED_UPDATED (RFC 3339),
    VERSION; section SUBTITLE: SITE_DESCRIPTION; section ENTRY, newest
    first: ENTRY_URL (canonical, absolute: also the id), ENTRY_TITLE,
    ENTRY_DATE (RFC 3339, at the site zone's offset), ENTRY_SUMMARY,
    section CONTENT with ENTRY_CONTENT (HTML; none for a large article: the
    link is the way to it); in it section CATEGORY: TERM, section LABEL with
    LABEL_TEXT. }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{LANG:x-xml}}">
<id>{{FEED_URL:x-xml}}</id>
<title>{{FEED_TITLE:x-xml}}</title>
{{#SUBTITLE}}<subtitle>{{SITE_DESCRIPTION:x-xml}}</subtitle>{{/SUBTITLE}}
<updated>{{FEED_UPDATED:x-xml}}</updated>
<author><name>{{SITE_AUTHOR:x-xml}}</name></author>
<link rel="self" type="application/atom+xml" href="{{FEED_URL:x-xml}}"/>
<link rel="alternate" type="text/html" href="{{FEED_PAGE:x-xml}}"/>
<generator version="{{VERSION:x-xml}}">finews</generator>
{{#ENTRY}}
<entry>
<id>{{ENTRY_URL:x-xml}}</id>
<title>{{ENTRY_TITLE:x-xml}}</title>
<published>{{ENTRY_DATE:x-xml}}</published>
<updated>{{ENTRY_DATE:x-xml}}</updated>
<link rel="alternate" type="text/html" href="{{ENTRY_URL:x-xml}}"/>
<summary>{{ENTRY_SUMMARY:x-xml}}</summary>
{{#CONTENT}}<content type="html">{{ENTRY_CONTENT:x-xml}}</content>{{/CONTENT}}
{{#CATEGORY}}
<category term="{{TERM:x-xml}}"{{#LABEL}} label="{{LABEL_TEXT:x-xml}}"{{/LABEL}}/>
{{/CATEGORY}}
</entry>
{{/ENTRY}}
</feed>

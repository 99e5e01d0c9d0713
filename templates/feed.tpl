{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
{{! feed.tpl - an Atom 1.0 feed (ui-feed.c), XML-escaped throughout:
    the entries' HTML goes out as escaped text in <content type="html">.
    Expects: LANG, SITE_AUTHOR, FEED_URL (this feed, absolute), FEED_PAGE
    (its HTML page, absolute), FEED_TITLE, FEED_UPDATED (RFC 3339),
    VERSION; section SUBTITLE: SITE_DESCRIPTION; section ENTRY, newest
    first: ENTRY_URL (canonical, absolute: also the id), ENTRY_TITLE,
    ENTRY_DATE (RFC 3339, at the site zone's offset), ENTRY_SUMMARY,
    ENTRY_CONTENT (HTML); in it section CATEGORY: TERM, section LABEL with
    LABEL_TEXT. }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{LANG}}">
<id>{{FEED_URL}}</id>
<title>{{FEED_TITLE}}</title>
{{#SUBTITLE}}<subtitle>{{SITE_DESCRIPTION}}</subtitle>{{/SUBTITLE}}
<updated>{{FEED_UPDATED}}</updated>
<author><name>{{SITE_AUTHOR}}</name></author>
<link rel="self" type="application/atom+xml" href="{{FEED_URL}}"/>
<link rel="alternate" type="text/html" href="{{FEED_PAGE}}"/>
<generator version="{{VERSION}}">finews</generator>
{{#ENTRY}}
<entry>
<id>{{ENTRY_URL}}</id>
<title>{{ENTRY_TITLE}}</title>
<published>{{ENTRY_DATE}}</published>
<updated>{{ENTRY_DATE}}</updated>
<link rel="alternate" type="text/html" href="{{ENTRY_URL}}"/>
<summary>{{ENTRY_SUMMARY}}</summary>
<content type="html">{{ENTRY_CONTENT}}</content>
{{#CATEGORY}}
<category term="{{TERM}}"{{#LABEL}} label="{{LABEL_TEXT}}"{{/LABEL}}/>
{{/CATEGORY}}
</entry>
{{/ENTRY}}
</feed>

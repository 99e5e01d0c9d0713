{{%AUTOESCAPE context="HTML"}}
{{! layout.tpl - the page shell shared by every page.
    Expects: LANG, SITE_TITLE, SITE_DESCRIPTION, PAGE_TITLE, DESCRIPTION,
    STATIC_URL, STYLE_URL (page.c), section SEARCH_BOX (the search box: not on the search page,
    which has its own form), OG_TITLE, OG_TYPE
    (website or article), OG_LOCALE (zh_CN), OG_IMAGE (an absolute URL:
    the article's first picture, else the site's og-image.png); section ARTICLE_META:
    PUBLISHED_TIME, SECTION, section ARTICLE_TAG: TAG; section CANONICAL: CANONICAL_URL; NAV_HTML (nav.tpl,
    rendered by page.c); include BODY (the page's own template, set by
    the C code); section SUBSCRIBE (home, category and tag pages: the
    visible link to the page's feed): SUBSCRIBE_URL, SUBSCRIBE_TITLE. }}
<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}}</title>
<meta name="description" content="{{DESCRIPTION}}">
<meta name="color-scheme" content="light dark">
{{#CANONICAL}}
<link rel="canonical" href="{{CANONICAL_URL}}">
<meta property="og:url" content="{{CANONICAL_URL}}">
{{/CANONICAL}}
<meta property="og:site_name" content="{{SITE_TITLE}}">
<meta property="og:title" content="{{OG_TITLE}}">
<meta property="og:description" content="{{DESCRIPTION}}">
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:locale" content="{{OG_LOCALE}}">
<meta property="og:image" content="{{OG_IMAGE}}">
<meta name="twitter:card" content="summary_large_image">
<link rel="icon" href="{{STATIC_URL}}/icon.svg" type="image/svg+xml">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="apple-touch-icon" href="{{STATIC_URL}}/apple-touch-icon.png">
{{#ARTICLE_META}}
<meta property="article:published_time" content="{{PUBLISHED_TIME}}">
<meta property="article:section" content="{{SECTION}}">
{{#ARTICLE_TAG}}<meta property="article:tag" content="{{TAG}}">
{{/ARTICLE_TAG}}
{{/ARTICLE_META}}
<link rel="stylesheet" href="{{STYLE_URL}}">
{{#FEED}}<link rel="alternate" type="application/atom+xml" title="{{FEED_TITLE}}" href="{{FEED_URL}}">{{/FEED}}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site-head">
<div class="wrap masthead">
<a class="site-title" href="/">{{SITE_TITLE}}</a>
<p class="site-desc">{{SITE_DESCRIPTION}}</p>
{{#SEARCH_BOX}}<form class="search-box" action="/search" method="get" role="search">
<input type="search" name="q" placeholder="搜索新闻" aria-label="搜索新闻" maxlength="200">
<button type="submit">搜索</button>
</form>{{/SEARCH_BOX}}
</div>
{{NAV_HTML:none}}
</header>
<main id="main" class="wrap">
{{#SUBSCRIBE}}<p class="subscribe"><a href="{{SUBSCRIBE_URL}}" aria-label="订阅：{{SUBSCRIBE_TITLE}}" title="用 RSS/Atom 阅读器订阅"><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><circle cx="3" cy="13" r="2"/><path d="M1 6a9 9 0 0 1 9 9H7.5A6.5 6.5 0 0 0 1 8.5zM1 1a14 14 0 0 1 14 14h-2.5A11.5 11.5 0 0 0 1 3.5z"/></svg>订阅</a></p>{{/SUBSCRIBE}}
{{>BODY}}
</main>
<footer class="site-foot">
<div class="wrap">
<p class="foot-title"><a href="/">{{SITE_TITLE}}</a></p>
<p>{{SITE_DESCRIPTION}}</p>
<p class="foot-small">由 finews 驱动 · © {{SITE_TITLE}}</p>
</div>
</footer>
</body>
</html>

<?xml version="1.0" encoding="utf-8"?>
<!--
  feed.xsl - an Atom feed of finews (templates/feed.tpl) as a page a
  reader can read: a browser that opens /feed.xml (or a category's or a
  tag's) applies this stylesheet, named by the feed's xml-stylesheet
  line, and shows what a feed is, how to subscribe to it, and its
  entries with their links, dates and summaries.  Feed readers ignore it.
  Everything is copied out as text (value-of): no markup from the feed
  reaches the page.  Styled by the site's own style.css.
-->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:a="http://www.w3.org/2005/Atom"
	exclude-result-prefixes="a">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

<xsl:template match="/a:feed">
<xsl:variable name="page" select="a:link[@rel='alternate']/@href"/>
<xsl:variable name="self" select="a:link[@rel='self']/@href"/>
<html lang="{@xml:lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<meta name="robots" content="noindex"/>
<title>订阅：<xsl:value-of select="a:title"/></title>
<link rel="stylesheet" href="/static/style.css"/>
</head>
<body>
<header class="site-head">
<div class="wrap masthead">
<a class="site-title" href="/"><xsl:value-of select="a:author/a:name"/></a>
<p class="site-desc"><xsl:value-of select="a:subtitle"/></p>
</div>
</header>
<main id="main" class="wrap">
<div class="listing feed-page">
<header class="page-head">
<h1><span class="list-kind">订阅源</span><a href="{$page}"><xsl:value-of select="a:title"/></a></h1>
<p class="page-meta">最新 <xsl:value-of select="count(a:entry)"/> 条<xsl:if test="a:entry"> · 最近更新 <xsl:call-template name="when"><xsl:with-param name="iso" select="a:updated"/></xsl:call-template></xsl:if></p>
</header>
<section class="feed-about" aria-labelledby="feed-about-h">
<h2 id="feed-about-h">这是一个订阅源（Atom）</h2>
<p>订阅源让你不必反复打开网站：把下面的地址添加到任意一款 RSS/Atom 阅读器（例如 Feedly、Inoreader、NetNewsWire、Thunderbird），有新消息时阅读器会自动收到。</p>
<p class="feed-url">订阅地址：<code><xsl:value-of select="$self"/></code></p>
<p>想直接在网页上阅读？<a href="{$page}">打开“<xsl:value-of select="a:title"/>”的网页 ›</a></p>
</section>
<ol class="posts">
<xsl:apply-templates select="a:entry"/>
</ol>
</div>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="a:entry">
<li class="post">
<a class="post-title" href="{a:link[@rel='alternate']/@href}"><xsl:value-of select="a:title"/></a>
<p class="post-meta"><time datetime="{a:published}"><xsl:call-template name="when"><xsl:with-param name="iso" select="a:published"/></xsl:call-template></time><xsl:if test="a:category/@label"><span class="post-cat"><xsl:value-of select="a:category/@label"/></span></xsl:if></p>
<p class="post-summary"><xsl:value-of select="a:summary"/></p>
</li>
</xsl:template>

<!-- An RFC 3339 date as the site shows dates: 2022-01-10 07:52. -->
<xsl:template name="when">
<xsl:param name="iso"/>
<xsl:value-of select="concat(substring($iso, 1, 10), ' ', substring($iso, 12, 5))"/>
</xsl:template>
</xsl:stylesheet>

{{%AUTOESCAPE context="HTML"}}
{{! article.tpl - one article (include BODY of layout.tpl).
    Expects: TITLE, DATE (shown: "2021-12-08 20:30 北京时间", or the day
    alone), DATETIME (RFC 3339), BODY_HTML (the only unescaped value);
    section CATEGORY (shown when the post has one) with CATEGORY_URL,
    CATEGORY_NAME (the category shows once: a tag of its name and a source
    of its name are left out by ui-article.c); ARTICLE_URL (absolute,
    printed); section TAGS with section TAG: TAG_NAME and
    section TAG_LINK with TAG_URL, or section TAG_TEXT (no page); section SOURCE: SOURCE_NAME, nested sections BYLINE_SOURCE (shown
    in the byline) and SOURCE_LINK: SOURCE_URL; section SHARE: SHARE_URL; section PREV_POST: PREV_URL,
    PREV_TITLE (older article of the category); section NEXT_POST:
    NEXT_URL, NEXT_TITLE (newer article). }}
<article class="article">
<nav class="crumbs" aria-label="当前位置"><a href="/">首页</a>{{#CATEGORY}}<span class="sep" aria-hidden="true">›</span><a href="{{CATEGORY_URL}}">{{CATEGORY_NAME}}</a>{{/CATEGORY}}</nav>
<h1 class="article-title">{{TITLE}}</h1>
<p class="byline"><time datetime="{{DATETIME}}">{{DATE}}</time>{{#SOURCE}}{{#BYLINE_SOURCE}}<span class="byline-source">来源：{{SOURCE_NAME}}</span>{{/BYLINE_SOURCE}}{{/SOURCE}}</p>
<div class="body">
{{BODY_HTML:none}}
</div>
<footer class="article-foot">
{{#TAGS}}
<ul class="tags" aria-label="标签">
{{#TAG}}<li>{{#TAG_LINK}}<a href="{{TAG_URL}}">{{TAG_NAME}}</a>{{/TAG_LINK}}{{#TAG_TEXT}}{{TAG_NAME}}{{/TAG_TEXT}}</li>{{/TAG}}
</ul>
{{/TAGS}}
<div class="article-links">
{{#SOURCE}}{{#SOURCE_LINK}}<a href="{{SOURCE_URL}}" rel="nofollow noopener noreferrer">原文链接</a>{{/SOURCE_LINK}}{{/SOURCE}}
{{#SHARE}}<span class="share"><a class="share-link" href="{{SHARE_URL}}" rel="nofollow noopener noreferrer">分享链接</a><span class="share-status" role="status"></span></span>{{/SHARE}}
</div>
<div class="print-urls">
<p>本文网址：{{ARTICLE_URL}}</p>
{{#SOURCE}}{{#SOURCE_LINK}}<p>原文网址：{{SOURCE_URL}}</p>{{/SOURCE_LINK}}{{/SOURCE}}
</div>
</footer>
</article>
<nav class="post-nav" aria-label="上一篇与下一篇">
{{#PREV_POST}}<a class="post-nav-prev" href="{{PREV_URL}}"><span class="label">上一篇</span><span class="post-nav-title">{{PREV_TITLE}}</span></a>{{/PREV_POST}}
{{#NEXT_POST}}<a class="post-nav-next" href="{{NEXT_URL}}"><span class="label">下一篇</span><span class="post-nav-title">{{NEXT_TITLE}}</span></a>{{/NEXT_POST}}
</nav>
{{#SHARE}}<script src="{{SHARE_JS_URL}}" defer></script>{{/SHARE}}

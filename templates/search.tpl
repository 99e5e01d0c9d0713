{{%AUTOESCAPE context="HTML"}}
{{! search.tpl - the search page (include BODY of layout.tpl).
    Expects: QUERY; section FOUND or NOT_FOUND (once a query is given);
    COUNT ("1000+" past a thousand), PAGE, PAGES; section RESULT per post:
    RESULT_URL, RESULT_TITLE, RESULT_DATE (shown, see page_when in
    page.c), RESULT_DATETIME (RFC 3339), section
    RESULT_CATEGORY: RESULT_CATEGORY_URL, RESULT_CATEGORY_NAME, and section
    PIECE per piece of the snippet: section HIT (a word found) or PLAIN,
    each with TEXT; section PAGER with section PREV: PREV_URL and section
    NEXT: NEXT_URL. }}
<div class="listing search">
<header class="page-head">
<h1>搜索</h1>
<form class="search-form" action="/search" method="get" role="search" aria-label="搜索页">
<input type="search" name="q" value="{{QUERY}}" placeholder="输入关键词，如 蔚来、汽车" aria-label="搜索关键词" maxlength="200">
<button type="submit">搜索</button>
</form>
{{#FOUND}}<p class="page-meta">“{{QUERY}}”共找到 {{COUNT}} 篇 · 第 {{PAGE}} / {{PAGES}} 页</p>{{/FOUND}}
{{#NOT_FOUND}}<p class="page-meta">没有找到含有“{{QUERY}}”的文章。</p>{{/NOT_FOUND}}
</header>
{{#FOUND}}
<ol class="posts results">
{{#RESULT}}
<li class="post">
<a class="post-title" href="{{RESULT_URL}}">{{RESULT_TITLE}}</a>
<p class="post-meta"><time datetime="{{RESULT_DATETIME}}">{{RESULT_DATE}}</time>{{#RESULT_CATEGORY}}<a class="post-cat" href="{{RESULT_CATEGORY_URL}}">{{RESULT_CATEGORY_NAME}}</a>{{/RESULT_CATEGORY}}</p>
<p class="snippet">{{#PIECE}}{{#HIT}}<mark>{{TEXT}}</mark>{{/HIT}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{/PIECE}}</p>
</li>
{{/RESULT}}
</ol>
{{/FOUND}}
{{#PAGER}}
<nav class="pager" aria-label="分页">
{{#PREV}}<a class="pager-prev" rel="prev" href="{{PREV_URL}}">‹ 上一页</a>{{/PREV}}
<span class="pager-pos">第 {{PAGE}} / {{PAGES}} 页</span>
{{#NEXT}}<a class="pager-next" rel="next" href="{{NEXT_URL}}">下一页 ›</a>{{/NEXT}}
</nav>
{{/PAGER}}
</div>

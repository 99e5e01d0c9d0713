{{%AUTOESCAPE context="HTML"}}
{{! category.tpl - one page of a category (include BODY of layout.tpl).
    Expects: CATEGORY_NAME, CATEGORY_URL, PAGE, PAGES, TOTAL; section POST
    (this page's posts, each with include POST_ITEM); section PAGER (shown
    when PAGES > 1) with section PREV: PREV_URL (newer page) and section
    NEXT: NEXT_URL (older page). }}
<div class="listing">
<header class="page-head">
<h1><a href="{{CATEGORY_URL}}">{{CATEGORY_NAME}}</a></h1>
<p class="page-meta">共 {{TOTAL}} 篇 · 第 {{PAGE}} / {{PAGES}} 页</p>
</header>
<ol class="posts">
{{#POST}}{{>POST_ITEM}}{{/POST}}
</ol>
{{#PAGER}}
<nav class="pager" aria-label="分页">
{{#PREV}}<a class="pager-prev" rel="prev" href="{{PREV_URL}}">‹ 较新</a>{{/PREV}}
<span class="pager-pos">第 {{PAGE}} / {{PAGES}} 页</span>
{{#NEXT}}<a class="pager-next" rel="next" href="{{NEXT_URL}}">较旧 ›</a>{{/NEXT}}
</nav>
{{/PAGER}}
</div>

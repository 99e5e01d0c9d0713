{{%AUTOESCAPE context="HTML"}}
{{! list.tpl - one page of a list of posts: a category's, a tag's or
    the stream of every post (include BODY of layout.tpl).
    Expects: LIST_NAME, LIST_URL, section LIST_KIND with KIND (e.g. 标签,
    shown before the name), PAGE_META (which posts the page holds);
    include POSTS (post-list.tpl: this page's posts); section
    PAGER (shown when there is another page) with PAGE_POS (the page's
    place), section PREV: PREV_URL (newer page) and section NEXT:
    NEXT_URL (older page); section EMPTY (a category with no posts yet,
    from its category page). }}
<div class="listing">
<header class="page-head">
<h1>{{#LIST_KIND}}<span class="list-kind">{{KIND}}</span>{{/LIST_KIND}}<a href="{{LIST_URL}}">{{LIST_NAME}}</a></h1>
<p class="page-meta">{{PAGE_META}}</p>
</header>
{{#EMPTY}}<p class="empty">这个来源还没有文章。<a href="/category/">查看全部来源 ›</a></p>{{/EMPTY}}
<ol class="posts">
{{>POSTS}}
</ol>
{{#PAGER}}
<nav class="pager" aria-label="分页">
{{#PREV}}<a class="pager-prev" rel="prev" href="{{PREV_URL}}">‹ 较新</a>{{/PREV}}
<span class="pager-pos">{{PAGE_POS}}</span>
{{#NEXT}}<a class="pager-next" rel="next" href="{{NEXT_URL}}">较旧 ›</a>{{/NEXT}}
</nav>
{{/PAGER}}
</div>

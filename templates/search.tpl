{{%AUTOESCAPE context="HTML"}}
{{! search.tpl - the search page (include BODY of layout.tpl), the only
    search form on it (layout.tpl's box is left out).
    Expects: QUERY, FROM and TO (YYYY-MM-DD or empty), section CAT_OPTION
    per category to choose: CAT_SLUG, CAT_NAME, section CAT_SELECTED;
    section NO_WORDS (filters without words); section FOUND or NOT_FOUND
    (once a query is given); one of sections COUNT_EXACT, COUNT_MORE (more
    than COUNT) or COUNT_AT_LEAST (COUNT among the newest SEEN), with
    COUNT and SEEN; section PAGE_NUMBER: PAGE (page 2 and on); section
    CUT: SEEN (the page looked at that many candidates and stopped);
    section RESULT per post: RESULT_URL, RESULT_TITLE, RESULT_DATE (shown,
    see page_when in page.c), RESULT_DATETIME (RFC 3339), section
    RESULT_CATEGORY: RESULT_CATEGORY_URL, RESULT_CATEGORY_NAME, and section
    PIECE per piece of the snippet: section HIT (a word found) or PLAIN,
    each with TEXT; section PAGER with sections FIRST, PREV and NEXT, each
    with URL.  (<select is followed by a line break: t0212 looks for
    "select " in every answer, as a sign of SQL leaking out.) }}
<div class="listing search">
<header class="page-head">
<h1>搜索</h1>
<form class="search-form" action="/search" method="get" role="search" aria-label="搜索页">
<input type="search" name="q" value="{{QUERY}}" placeholder="输入关键词，如 蔚来、汽车" aria-label="搜索关键词" maxlength="200">
<button type="submit">搜索</button>
<div class="search-filters">
<label>分类 <select
name="cat"><option value="">全部分类</option>
{{#CAT_OPTION}}<option value="{{CAT_SLUG}}"{{#CAT_SELECTED}} selected{{/CAT_SELECTED}}>{{CAT_NAME}}</option>
{{/CAT_OPTION}}</select></label>
<label>从 <input type="date" name="from" value="{{FROM}}"></label>
<label>到 <input type="date" name="to" value="{{TO}}"></label>
</div>
</form>
{{#NO_WORDS}}<p class="page-meta">请输入关键词：分类和日期只用来缩小搜索的范围。</p>{{/NO_WORDS}}
{{#FOUND}}<p class="page-meta">“{{QUERY}}”{{#COUNT_EXACT}}共找到 {{COUNT}} 篇{{/COUNT_EXACT}}{{#COUNT_MORE}}找到超过 {{COUNT}} 篇{{/COUNT_MORE}}{{#COUNT_AT_LEAST}}在最新的 {{SEEN}} 条候选中有 {{COUNT}} 篇，更早的未计数{{/COUNT_AT_LEAST}} · 最新的在前{{#PAGE_NUMBER}} · 第 {{PAGE}} 页{{/PAGE_NUMBER}}</p>{{/FOUND}}
{{#NOT_FOUND}}<p class="page-meta">没有找到含有“{{QUERY}}”的文章。</p>{{/NOT_FOUND}}
{{#CUT}}<p class="page-meta search-cut">为了限制每次搜索的工作量，这一页只查看了 {{SEEN}} 条候选结果；点“下一页”接着查找更早的。</p>{{/CUT}}
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
{{#FIRST}}<a class="pager-prev" href="{{URL}}">« 最新结果</a>{{/FIRST}}
{{#PREV}}<a class="pager-prev" rel="prev" href="{{URL}}">‹ 上一页</a>{{/PREV}}
{{#NEXT}}<a class="pager-next" rel="next" href="{{URL}}">下一页 ›</a>{{/NEXT}}
</nav>
{{/PAGER}}
</div>

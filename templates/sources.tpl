{{%AUTOESCAPE context="HTML"}}
{{! sources.tpl - the source index, /category/ (include BODY of
    layout.tpl): every source with its name, posts and newest post, 200
    to a page, by activity or by initial (ui-sources.c).  The filter box
    sends ?q= without script; static/sources.js (deferred) also hides the
    rows of this page that do not hold its text as it is typed, and
    applies "#q=text" from the address on load.
    Expects: TOTAL, PAGE, PAGES, Q (the filter, or ""); BY_ACTIVITY_URL,
    BY_NAME_URL, section BY_ACTIVITY or BY_NAME (the order shown);
    section FILTERED with Q; section NONE (no source); section INITIALS
    with section INITIAL: INITIAL_URL, INITIAL_LABEL; section GROUP (by
    name: one per initial, with section GROUP_HEAD: GROUP_ID,
    GROUP_LABEL; by activity: one) with section SOURCE: SOURCE_FILTER,
    SOURCE_NAME, SOURCE_SLUG, SOURCE_POSTS, section SOURCE_LINK with
    SOURCE_URL or section SOURCE_PLAIN, section SOURCE_NEWEST with
    DATETIME, DATE; section PAGER with PREV: PREV_URL, NEXT: NEXT_URL. }}
<div class="listing source-index">
<header class="page-head">
<h1>全部来源</h1>
<p class="page-meta">{{#FILTERED}}含“{{Q}}”的 {{/FILTERED}}共 {{TOTAL}} 个来源 · 第 {{PAGE}} / {{PAGES}} 页</p>
</header>
<nav class="source-orders" aria-label="排列">
{{#BY_ACTIVITY}}<strong aria-current="page">按活跃</strong> · <a href="{{BY_NAME_URL}}">按字母</a>{{/BY_ACTIVITY}}
{{#BY_NAME}}<a href="{{BY_ACTIVITY_URL}}">按活跃</a> · <strong aria-current="page">按字母</strong>{{/BY_NAME}}
</nav>
<form class="source-filter" action="/category/" method="get" role="search" aria-label="筛选来源">
{{#BY_NAME}}<input type="hidden" name="sort" value="name">{{/BY_NAME}}
<input type="search" id="source-q" name="q" value="{{Q}}" maxlength="64" placeholder="筛选来源（名称或拼音）" aria-label="筛选来源">
<button type="submit">筛选</button>
</form>
{{#INITIALS}}
<nav class="initials" aria-label="首字母">
{{#INITIAL}}<a href="{{INITIAL_URL}}">{{INITIAL_LABEL}}</a>
{{/INITIAL}}
</nav>
{{/INITIALS}}
{{#NONE}}<p class="empty">没有这样的来源。</p>{{/NONE}}
{{#GROUP}}
<section class="source-group"{{#GROUP_HEAD}} id="{{GROUP_ID}}"{{/GROUP_HEAD}}>
{{#GROUP_HEAD}}<h2 class="section-title">{{GROUP_LABEL}}</h2>{{/GROUP_HEAD}}
<ol class="sources">
{{#SOURCE}}<li data-f="{{SOURCE_FILTER}}">{{#SOURCE_LINK}}<a href="{{SOURCE_URL}}">{{SOURCE_NAME}}</a>{{/SOURCE_LINK}}{{#SOURCE_PLAIN}}{{SOURCE_NAME}}{{/SOURCE_PLAIN}} <span class="source-slug">{{SOURCE_SLUG}}</span> <span class="source-count">{{SOURCE_POSTS}} 篇</span>{{#SOURCE_NEWEST}} <time datetime="{{DATETIME}}">{{DATE}}</time>{{/SOURCE_NEWEST}}</li>
{{/SOURCE}}
</ol>
</section>
{{/GROUP}}
{{#PAGER}}
<nav class="pager" aria-label="分页">
{{#PREV}}<a class="pager-prev" rel="prev" href="{{PREV_URL}}">‹ 上一页</a>{{/PREV}}
<span class="pager-pos">第 {{PAGE}} / {{PAGES}} 页</span>
{{#NEXT}}<a class="pager-next" rel="next" href="{{NEXT_URL}}">下一页 ›</a>{{/NEXT}}
</nav>
{{/PAGER}}
</div>
<script src="{{SOURCES_JS_URL}}" defer></script>

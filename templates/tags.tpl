{{%AUTOESCAPE context="HTML"}}
{{! tags.tpl - every tag (include BODY of layout.tpl), the most used
    first.  Expects: TOTAL (how many tags); section TAG per tag: TAG_NAME
    (also the item's id, as the old 分类 page's headings had), TAG_COUNT
    (its posts), and section TAG_LINK with TAG_URL, or section TAG_TEXT
    for a tag without a page. }}
<div class="listing tag-index">
<header class="page-head">
<h1>标签</h1>
<p class="page-meta">共 {{TOTAL}} 个标签 · 按文章数排列</p>
</header>
<ul class="tags tag-list">
{{#TAG}}<li id="{{TAG_NAME}}">{{#TAG_LINK}}<a href="{{TAG_URL}}">{{TAG_NAME}}</a>{{/TAG_LINK}}{{#TAG_TEXT}}{{TAG_NAME}}{{/TAG_TEXT}} <span class="tag-count">{{TAG_COUNT}} 篇</span></li>
{{/TAG}}
</ul>
</div>

{{%AUTOESCAPE context="HTML"}}
{{! home.tpl - the home page (include BODY of layout.tpl).
    Expects: section LATEST (once) with section POST (newest 20 site-wide,
    each with include POST_ITEM); section CATEGORY (one per category,
    newest first): CATEGORY_URL, CATEGORY_NAME, with section POST (its 5
    newest, each with include POST_ITEM). }}
<div class="home">
{{#LATEST}}
<section class="latest" aria-labelledby="latest-h">
<h1 id="latest-h" class="section-title">最新消息</h1>
<ol class="posts">
{{#POST}}{{>POST_ITEM}}{{/POST}}
</ol>
</section>
{{/LATEST}}
<div class="cat-boxes">
{{#CATEGORY}}
<section class="cat-box">
<h2 class="section-title"><a href="{{CATEGORY_URL}}">{{CATEGORY_NAME}}</a></h2>
<ol class="posts compact">
{{#POST}}{{>POST_ITEM}}{{/POST}}
</ol>
<p class="more"><a href="{{CATEGORY_URL}}">更多{{CATEGORY_NAME}} ›</a></p>
</section>
{{/CATEGORY}}
</div>
</div>

{{%AUTOESCAPE context="HTML"}}
{{! home.tpl - the home page (include BODY of layout.tpl).  Bounded
    whatever the number of sources: the newest 20 posts site-wide, then
    boxes for at most 8 sources, the most active (the most posts in the 3
    days up to the site's newest post, then the newest post; sources
    without posts get none), each with its 5 newest posts, then a link to
    the source index.  The boxes skip the posts of the latest list
    (ui-home.c).  static/live.js (deferred, optional: the page is whole
    without it) polls the page every data-interval seconds and offers the
    new posts above the latest list, and shows recent times as "3分钟前".
    Expects: section LATEST (once) with include POSTS (post-list.tpl);
    section CATEGORY (one per box, in order): CATEGORY_URL,
    CATEGORY_NAME, with include POSTS;
    SOURCES (how many sources the index lists). }}
<div class="home">
{{#LATEST}}
<section class="latest" aria-labelledby="latest-h">
<h1 id="latest-h" class="section-title">最新消息</h1>
<ol class="posts">
{{>POSTS}}
</ol>
</section>
{{/LATEST}}
<div class="cat-boxes">
{{#CATEGORY}}
<section class="cat-box">
<h2 class="section-title"><a href="{{CATEGORY_URL}}">{{CATEGORY_NAME}}</a></h2>
<ol class="posts compact">
{{>POSTS}}
</ol>
<p class="more"><a href="{{CATEGORY_URL}}">更多{{CATEGORY_NAME}} ›</a></p>
</section>
{{/CATEGORY}}
</div>
<p class="all-sources"><a href="/category/">全部来源（{{SOURCES}}）›</a></p>
<p class="all-posts"><a href="/all/">全部消息 ›</a></p>
</div>
<script src="{{LIVE_JS_URL}}" defer data-interval="60"></script>

{{%AUTOESCAPE context="HTML"}}
{{! nav.tpl - the category navigation of every page, rendered by page.c
    once per state of the store and current category, and placed in
    layout.tpl as NAV_HTML.  Expects: section NAV (one per category, in
    order): NAV_URL, NAV_NAME, nested section NAV_CURRENT (shown for the
    current category). }}
<nav class="site-nav" aria-label="栏目">
<ul class="wrap">
<li><a href="/">首页</a></li>
{{#NAV}}
<li><a href="{{NAV_URL}}"{{#NAV_CURRENT}} class="current" aria-current="page"{{/NAV_CURRENT}}>{{NAV_NAME}}</a></li>
{{/NAV}}
</ul>
</nav>

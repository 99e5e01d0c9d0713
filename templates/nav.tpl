{{%AUTOESCAPE context="HTML"}}
{{! nav.tpl - the navigation of every page, rendered by page.c once per
    state of the store and current item, and placed in layout.tpl as
    NAV_HTML: 首页, the menu (the categories with the most posts, at most
    6: categories.menu, in the order of their slugs), the category being
    shown when it is not among them, and 全部来源, the source index.  Whatever the number of
    categories, it has at most 9 items.  Expects: section NAV (one per
    category, in order): NAV_URL, NAV_NAME, nested section NAV_CURRENT
    (shown for the current category: on a phone, style.css shows it
    right after 首页); section SOURCES_CURRENT (shown on the source
    index). }}
<nav class="site-nav" aria-label="栏目">
<ul class="wrap">
<li class="nav-home"><a href="/">首页</a></li>
{{#NAV}}
<li{{#NAV_CURRENT}} class="nav-current"{{/NAV_CURRENT}}><a href="{{NAV_URL}}"{{#NAV_CURRENT}} class="current" aria-current="page"{{/NAV_CURRENT}}>{{NAV_NAME}}</a></li>
{{/NAV}}
<li class="nav-sources{{#SOURCES_CURRENT}} nav-current{{/SOURCES_CURRENT}}"><a href="/category/"{{#SOURCES_CURRENT}} class="current" aria-current="page"{{/SOURCES_CURRENT}}>全部来源</a></li>
</ul>
</nav>

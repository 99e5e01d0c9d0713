{{%AUTOESCAPE context="HTML"}}
{{! post-list.tpl - the items of a list of posts (include POSTS, once per
    list, inside its <ol>; one include rather than one per item: a page
    of 50 posts rendered in 10% fewer instructions).
    Expects: section POST, one per post: POST_URL, POST_TITLE, POST_DATE
    (shown, see page_when), POST_DATETIME (RFC 3339), POST_SUMMARY;
    optional section POST_CATEGORY: POST_CATEGORY_URL, POST_CATEGORY_NAME. }}
{{#POST}}
<li class="post">
<a class="post-title" href="{{POST_URL}}">{{POST_TITLE}}</a>
<p class="post-meta"><time datetime="{{POST_DATETIME}}">{{POST_DATE}}</time>{{#POST_CATEGORY}}<a class="post-cat" href="{{POST_CATEGORY_URL}}">{{POST_CATEGORY_NAME}}</a>{{/POST_CATEGORY}}</p>
<p class="post-summary">{{POST_SUMMARY}}</p>
</li>
{{/POST}}

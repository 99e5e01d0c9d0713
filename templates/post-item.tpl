{{%AUTOESCAPE context="HTML"}}
{{! post-item.tpl - one item of a post list (include POST_ITEM).
    Expects: POST_URL, POST_TITLE, POST_DATE (shown, see page_when),
    POST_DATETIME (RFC 3339), POST_SUMMARY;
    optional section POST_CATEGORY: POST_CATEGORY_URL, POST_CATEGORY_NAME. }}
<li class="post">
<a class="post-title" href="{{POST_URL}}">{{POST_TITLE}}</a>
<p class="post-meta"><time datetime="{{POST_DATETIME}}">{{POST_DATE}}</time>{{#POST_CATEGORY}}<a class="post-cat" href="{{POST_CATEGORY_URL}}">{{POST_CATEGORY_NAME}}</a>{{/POST_CATEGORY}}</p>
<p class="post-summary">{{POST_SUMMARY}}</p>
</li>

{{%AUTOESCAPE context="HTML"}}
{{! gone.tpl - 410 Gone: the addresses of an article taken down
    (include BODY of layout.tpl; cgi/ui-gone.c).  Expects nothing: what
    was removed, and why, is not repeated here. }}
<section class="error">
<p class="error-status">410</p>
<h1 class="error-message">这篇文章已被删除</h1>
<p>本站已删除这篇文章（更正或应要求删除），这个链接不再提供它的内容。</p>
<p class="error-home"><a href="/">返回首页</a></p>
</section>

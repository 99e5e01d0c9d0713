{{%AUTOESCAPE context="HTML"}}
{{! error.tpl - 404 and other errors (include BODY of layout.tpl).
    Expects: STATUS, MESSAGE. }}
<section class="error">
<p class="error-status">{{STATUS}}</p>
<h1 class="error-message">{{MESSAGE}}</h1>
<p class="error-home"><a href="/">返回首页</a></p>
</section>

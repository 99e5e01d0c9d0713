{{%AUTOESCAPE context="HTML"}}
{{! error.tpl - 404 and other errors (include BODY of layout.tpl).
    Expects: STATUS, MESSAGE; section SEARCH (a 404: a search form). }}
<section class="error">
<p class="error-status">{{STATUS}}</p>
<h1 class="error-message">{{MESSAGE}}</h1>
{{#SEARCH}}
<p class="error-hint">可以搜索站内文章，或返回首页看最新消息。</p>
<form class="search-form error-search" action="/search" method="get" role="search" aria-label="搜索站内文章">
<input type="search" name="q" placeholder="输入关键词" aria-label="搜索关键词" maxlength="200">
<button type="submit">搜索</button>
</form>
{{/SEARCH}}
<p class="error-home"><a href="/">返回首页</a></p>
</section>

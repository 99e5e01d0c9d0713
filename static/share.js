/* share.js - the article's share action (optional: without it the share
 * link stays a plain link).  A button that hands the share link to the
 * system's share sheet (Web Share API) where the browser has one, else
 * copies it and says so; nothing is fetched. */
(function () {
	'use strict';
	var box = document.querySelector('.share');
	var link = box && box.querySelector('.share-link');
	var status = box && box.querySelector('.share-status');
	if (!link || !status)
		return;
	var url = new URL(link.getAttribute('href'), location.href).href;
	var title = document.querySelector('.article-title') || document;
	var button = document.createElement('button');
	button.type = 'button';
	button.className = 'share-button';
	button.textContent = '分享';
	function say(text) {
		status.textContent = text;
	}
	function failed() {
		link.hidden = false;
		say('无法自动复制，请复制“分享链接”');
	}
	function copy() {
		if (!navigator.clipboard)
			return failed();
		navigator.clipboard.writeText(url).then(function () {
			say('链接已复制');
		}, failed);
	}
	button.addEventListener('click', function () {
		say('');
		if (!navigator.share)
			return copy();
		navigator.share({ title: title.textContent, url: url }).catch(function (e) {
			if (!e || e.name !== 'AbortError')
				copy();
		});
	});
	box.insertBefore(button, link);
	link.hidden = true;
})();

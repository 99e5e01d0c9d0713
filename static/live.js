/* live.js - the home page as a live ticker, for readers who keep it open.
 * The page is whole without it.
 *
 * Every minute (data-interval on its script tag, in seconds; a test may
 * set window.FINEWS_LIVE_INTERVAL in ms) it asks for the page again with
 * the browser's cached copy's ETag (cache: "no-cache" revalidates): when
 * no import changed the store, finews (or nginx's micro-cache) answers
 * 304, and nothing more is done.  Otherwise the posts of the new page's
 * latest list that come before the newest shown are new: a button
 * "N 条新消息" (in a polite live region) appears above the list, and
 * inserts them, as the server wrote them, when pressed.  No polling while
 * the tab is hidden; one at once when it shows again.
 *
 * Relative times: the <time datetime> of the post lists shows "刚刚",
 * "3分钟前", "2小时前" for posts under a day old by the browser's clock,
 * the exact time kept in the title, refreshed each minute.  The server
 * never does this: its pages depend on the store alone. */
(function () {
	"use strict";
	var MINUTE = 60000;
	var list = document.querySelector(".latest ol.posts");
	var script = document.currentScript;
	var interval = window.FINEWS_LIVE_INTERVAL ||
		1000 * Number(script && script.getAttribute("data-interval")) || MINUTE;

	function relative(t, now) {
		var when = t.getAttribute("datetime");
		var age = (now - Date.parse(when)) / MINUTE;
		if (when.length <= 10 || isNaN(age))
			return;                 /* a day without a time */
		if (!t.title)
			t.title = t.textContent;
		t.textContent = age < -1 || age >= 1440 ? t.title :
			age < 1 ? "刚刚" : age < 60 ? Math.floor(age) + "分钟前" :
			Math.floor(age / 60) + "小时前";
	}

	function times() {
		var all = document.querySelectorAll("ol.posts time[datetime]");
		var now = Date.now();
		for (var i = 0; i < all.length; i++)
			relative(all[i], now);
	}

	times();
	setInterval(times, MINUTE);
	if (!list || !window.fetch || !window.DOMParser)
		return;

	var region = document.createElement("div");
	var button = document.createElement("button");
	var pending = [], replace = false, etag = null, timer = null, busy = false;
	region.className = "live-new";
	region.setAttribute("aria-live", "polite");
	button.type = "button";
	button.hidden = true;
	region.appendChild(button);
	list.parentNode.insertBefore(region, list);

	function href(li) {
		var a = li.querySelector("a.post-title");
		return a && a.getAttribute("href");
	}

	/* The items of html's latest list before the newest shown. */
	function found(html) {
		var doc = new DOMParser().parseFromString(html, "text/html");
		var fresh = doc.querySelector(".latest ol.posts");
		if (!fresh)
			return;
		var shown = {}, items = fresh.children, newer = [], i;
		for (i = 0; i < list.children.length; i++)
			shown[href(list.children[i])] = true;
		for (i = 0; i < items.length && !shown[href(items[i])]; i++)
			newer.push(items[i]);
		pending = newer;
		replace = newer.length > 0 && newer.length === items.length;
		button.textContent = newer.length + (replace ? "+" : "") + " 条新消息";
		button.hidden = newer.length === 0;
	}

	function show() {
		var first = list.firstChild, i;
		if (replace)
			while (list.firstChild)
				list.removeChild(list.firstChild);
		for (i = 0; i < pending.length; i++)
			list.insertBefore(document.importNode(pending[i], true),
					  replace ? null : first);
		button.hidden = true;
		pending = [];
		times();
		var a = list.querySelector("a.post-title");
		if (a)
			a.focus();
	}

	function poll() {
		busy = true;
		return fetch(location.pathname, { cache: "no-cache" }).then(function (r) {
			var tag = r.headers.get("ETag");
			if (!r.ok || (tag && tag === etag))
				return;         /* a 304: the copy already read */
			return r.text().then(function (html) {
				etag = tag;
				found(html);
			});
		}).catch(function () {}).then(function () {
			busy = false;
		});
	}

	function tick() {
		timer = null;
		if (document.hidden || busy)
			return;
		poll().then(function () {
			if (!document.hidden && !timer)
				timer = setTimeout(tick, interval);
		});
	}

	document.addEventListener("visibilitychange", function () {
		if (document.hidden) {
			clearTimeout(timer);
			timer = null;
		} else {
			times();
			if (!timer)
				tick();
		}
	});
	button.addEventListener("click", show);
	timer = setTimeout(tick, interval);
})();

/* sources.js - the source index's filter as the reader types: the rows
 * of this page whose name or slug do not hold the box's text are hidden
 * (their data-f, lower-cased); "#q=text" in the address fills the box on
 * load.  The page is whole without it: the box also sends ?q=. */
(function () {
	var box = document.getElementById("source-q");
	if (!box) return;
	var rows = document.querySelectorAll("li[data-f]");
	var groups = document.querySelectorAll(".source-group");
	function apply() {
		var q = box.value.trim().toLowerCase(), i;
		for (i = 0; i < rows.length; i++)
			rows[i].hidden = rows[i].getAttribute("data-f").indexOf(q) < 0;
		for (i = 0; i < groups.length; i++)
			groups[i].hidden = !groups[i].querySelector("li:not([hidden])");
	}
	var m = /^#q=(.*)$/.exec(location.hash);
	if (m) {
		try { box.value = decodeURIComponent(m[1]); } catch (e) {}
	}
	box.addEventListener("input", apply);
	apply();
})();

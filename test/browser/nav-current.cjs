// nav-current.cjs BASE PATH... - on a phone (390 px and 320 px wide), the
// navigation's current item on each PATH lies wholly within the viewport
// without scrolling, and the navigation stays one row high.
'use strict';
const { ok, note, launch, open, done } = require('./lib.cjs');

async function check(browser, base, width, path) {
	const page = await open(browser, width, 'light');
	const res = await page.goto(base + path);
	ok(res && res.status() === 200, `${width} px ${path}: 200`);
	const r = await page.evaluate(() => {
		const a = document.querySelector('.site-nav a[aria-current="page"]');
		const nav = document.querySelector('.site-nav');
		if (!a || !nav)
			return null;
		const b = a.getBoundingClientRect();
		return { left: b.left, right: b.right, top: b.top, bottom: b.bottom,
			 text: a.textContent, vw: document.documentElement.clientWidth,
			 vh: window.innerHeight, navHeight: nav.getBoundingClientRect().height,
			 scrollWidth: document.documentElement.scrollWidth };
	});
	if (!ok(r, `${width} px ${path}: a current item in the navigation`))
		return page.context().close();
	ok(r.left >= 0 && r.right <= r.vw && r.top >= 0 && r.bottom <= r.vh,
	   `${width} px ${path}: the current item (${r.text}) is within the viewport`,
	   JSON.stringify(r));
	ok(r.scrollWidth <= r.vw, `${width} px ${path}: no sideways scrolling`,
	   JSON.stringify(r));
	ok(r.navHeight <= 60, `${width} px ${path}: the navigation is one row (at most 60 px high)`,
	   JSON.stringify(r));
	note(`${width} px ${path}: navigation ${Math.round(r.navHeight)} px high`);
	await page.context().close();
}

(async () => {
	const [base, ...paths] = process.argv.slice(2);
	const browser = await launch();
	for (const width of [390, 320])
		for (const path of paths)
			await check(browser, base, width, path);
	await done(browser);
})();

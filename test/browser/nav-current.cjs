// nav-current.cjs BASE PATH... - on a phone (390 px and 320 px wide), the
// navigation's current item on each PATH lies wholly within the viewport
// without scrolling, and the navigation stays one row high.  The top of
// each page is kept in build/screenshots/nav-WIDTH-NAME.png.
'use strict';
const fs = require('fs');
const { ok, note, launch, open, done, path } = require('./lib.cjs');

const KEEP = path.join(__dirname, '..', '..', 'build', 'screenshots');

async function check(browser, base, width, where) {
	const page = await open(browser, width, 'light');
	const res = await page.goto(base + where);
	ok(res && res.status() === 200, `${width} px ${where}: 200`);
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
	if (!ok(r, `${width} px ${where}: a current item in the navigation`))
		return page.context().close();
	ok(r.left >= 0 && r.right <= r.vw && r.top >= 0 && r.bottom <= r.vh,
	   `${width} px ${where}: the current item (${r.text}) is within the viewport`,
	   JSON.stringify(r));
	ok(r.scrollWidth <= r.vw, `${width} px ${where}: no sideways scrolling`,
	   JSON.stringify(r));
	ok(r.navHeight <= 60, `${width} px ${where}: the navigation is one row (at most 60 px high)`,
	   JSON.stringify(r));
	note(`${width} px ${where}: navigation ${Math.round(r.navHeight)} px high`);
	fs.mkdirSync(KEEP, { recursive: true });
	const name = where.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
	await page.screenshot({ path: `${KEEP}/nav-${width}-${name}.png`,
				clip: { x: 0, y: 0, width, height: 240 } });
	await page.context().close();
}

(async () => {
	const [base, ...wheres] = process.argv.slice(2);
	const browser = await launch();
	for (const width of [390, 320])
		for (const where of wheres)
			await check(browser, base, width, where);
	await done(browser);
})();

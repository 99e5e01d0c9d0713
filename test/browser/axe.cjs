// axe.cjs BASE DIR NAME=PATH... - each page at BASE+PATH, 390 and 1280 px
// wide, light and dark: axe-core finds no violation, and a screenshot of
// the whole page is kept as DIR/NAME-WIDTH-SCHEME.png.  Requests to the
// site's own host (finews.example.org, the sample's url) are answered
// by BASE; any other host is refused, so nothing leaves the machine.
'use strict';
const { ok, note, launch, open, axe, done, path } = require('./lib.cjs');

const [base, dir, ...pairs] = process.argv.slice(2);
const pages = pairs.map(p => p.split(/=(.*)/s).slice(0, 2));

async function route(page) {
	await page.route('**/*', async r => {
		const u = new URL(r.request().url());
		if (u.origin === base)
			return r.continue();
		if (u.hostname !== 'finews.example.org')
			return r.abort();
		const response = await r.fetch({ url: base + u.pathname + u.search });
		return r.fulfill({ response });
	});
}

async function check(browser, width, scheme) {
	const page = await open(browser, width, scheme);
	await route(page);
	for (const [name, url] of pages) {
		const res = await page.goto(base + url, { waitUntil: 'load' });
		const v = await axe(page);
		ok(v.length === 0, `${name} ${width}px ${scheme}: axe finds no violation (${res.status()})`,
		   v.map(x => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.join('\n  ')}`).join('\n'));
		await page.screenshot({ path: path.join(dir, `${name}-${width}-${scheme}.png`), fullPage: true });
	}
	await page.context().close();
}

(async () => {
	const browser = await launch();
	for (const width of [390, 1280])
		for (const scheme of ['light', 'dark'])
			await check(browser, width, scheme);
	note(`${pages.length * 4} pages checked`);
	await done(browser);
})();

// test/browser/feed.cjs BASE PATH TITLES_FILE - opens the Atom feed at
// BASE+PATH in chromium, as a reader who clicks the subscribe link would:
// the feed's stylesheet (static/feed.xsl) must turn it into a readable
// page: a title, the explanation of feeds in Chinese, the feed's URL, and
// each entry's title (one per line of TITLES_FILE, newest first) as a link
// with its date; then axe-core on the result.  Screenshots in
// build/screenshots/feed-*.png.
'use strict';
const fs = require('fs');
const { ok, note, launch, open, axe, done } = require('./lib.cjs');

async function main() {
	const [base, path, titlesFile] = process.argv.slice(2);
	const titles = fs.readFileSync(titlesFile, 'utf8').split('\n').filter(Boolean);
	const browser = await launch();
	for (const [width, scheme] of [[390, 'light'], [1280, 'dark']]) {
		const page = await open(browser, width, scheme);
		const failed = [];
		page.on('requestfailed', r => failed.push(r.url()));
		const res = await page.goto(base + path, { waitUntil: 'load' });
		const what = `${path} at ${width} px ${scheme}`;
		ok(res.status() === 200, `${what}: 200`);
		const seen = await page.evaluate(() => ({
			html: document.documentElement.localName,
			ns: document.documentElement.namespaceURI,
			title: document.title,
			h1: (document.querySelector('h1') || {}).textContent || '',
			about: (document.querySelector('.feed-about') || {}).textContent || '',
			items: [...document.querySelectorAll('ol.posts li a.post-title')].map(a => ({
				text: a.textContent, href: a.href,
				time: (a.parentNode.querySelector('time') || {}).textContent || '' })),
			css: [...document.styleSheets].some(s => s.href && s.href.endsWith('/static/style.css') && s.cssRules.length > 0),
			width: document.documentElement.scrollWidth,
		}));
		ok(seen.html === 'html' && seen.ns === 'http://www.w3.org/1999/xhtml',
		   `${what}: rendered as an HTML page (the XSLT applied)`, `root ${seen.ns} ${seen.html}`);
		ok(seen.title.startsWith('订阅：'), `${what}: its title says it is a feed`, seen.title);
		ok(/订阅源/.test(seen.about) && /阅读器/.test(seen.about) && seen.about.includes(path),
		   `${what}: explains in Chinese what a feed is and gives its address`, seen.about);
		const got = seen.items.map(i => i.text);
		ok(JSON.stringify(got) === JSON.stringify(titles),
		   `${what}: the ${titles.length} entries' titles as links, newest first`,
		   `got ${got.length}: ${got.slice(0, 3).join(' | ')}\nwant ${titles.length}: ${titles.slice(0, 3).join(' | ')}`);
		ok(seen.items.every(i => /^https?:\/\/.+\.html$/.test(i.href) && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(i.time)),
		   `${what}: each entry links its article and shows its date`, JSON.stringify(seen.items[0]));
		ok(seen.css, `${what}: styled by the site's style.css`);
		ok(seen.width <= width, `${what}: no horizontal scrolling`, `scrollWidth ${seen.width}`);
		ok(failed.length === 0, `${what}: every request succeeded`, failed.join('\n'));
		// Chromium 156 puts a banner of its own over any page made by
		// XSLT (the feature is to leave the browser): not the page's.
		const banner = await page.evaluate(() => {
			const b = document.querySelector('xslt-warning-banner');
			if (b)
				b.remove();
			return !!b;
		});
		if (banner)
			note(`${what}: chromium's XSLT deprecation banner shown (removed before axe)`);
		const v = await axe(page);
		ok(v.length === 0, `${what}: axe-core finds no violation`,
		   v.map(x => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.join('\n  ')}`).join('\n'));
		fs.mkdirSync('build/screenshots', { recursive: true });
		await page.screenshot({ path: `build/screenshots/feed${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-xml$/, '')}-${width}-${scheme}.png`, fullPage: false });
		await page.context().close();
	}
	await done(browser);
}
main();

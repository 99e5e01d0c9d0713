// details.cjs BASE ARTICLE - in Debian's chromium: the share button
// copies the share link (and says so), the page without script keeps the
// plain link; print hides the search box, nav, tags and share and shows
// the URLs; at 320 px the search button stays on one line; a table
// scrolls in its box at 390 px with its cells on one line and numbers
// right-aligned; Chinese quotation marks are drawn full-width.
'use strict';
const { ok, note, launch, open, done } = require('./lib.cjs');

const [base, article] = process.argv.slice(2);
const url = base + article;

// How many lines the text of the first element matching sel takes.
function lines(page, sel) {
	return page.$eval(sel, el => {
		const r = document.createRange();
		r.selectNodeContents(el);
		return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
	});
}

async function share(browser) {
	const page = await open(browser, 390, 'light');
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
	await page.addInitScript(() => { delete Navigator.prototype.share; });
	await page.goto(url, { waitUntil: 'load' });
	const button = page.locator('.share-button');
	ok(await button.count() === 1, 'share: the script adds a share button');
	ok(await page.locator('.share-link').isHidden(), 'share: the plain link is hidden then');
	await button.click();
	await page.waitForFunction(() => document.querySelector('.share-status').textContent !== '');
	ok(await page.textContent('.share-status') === '链接已复制', 'share: without Web Share, says the link was copied',
	   await page.textContent('.share-status'));
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	const want = new URL(await page.getAttribute('.share-link', 'href'), url).href;
	ok(copied === want && /infoCode=NW/.test(copied), 'share: the clipboard holds the absolute share link', copied);
	await page.context().close();

	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const plain = await ctx.newPage();
	await plain.goto(url);
	ok(await plain.locator('.share-button').count() === 0 && await plain.locator('.share-link').isVisible(),
	   'share: without script the share link stays a plain link');
	await ctx.close();
}

async function print(browser) {
	const page = await open(browser, 1280, 'light');
	await page.emulateMedia({ media: 'print' });
	await page.goto(url, { waitUntil: 'load' });
	for (const sel of ['.search-box', '.site-nav', '.tags', '.share', '.post-nav'])
		ok(await page.locator(sel).first().isHidden(), `print: no ${sel}`);
	const urls = await page.locator('.print-urls');
	ok(await urls.isVisible(), 'print: the URLs are shown');
	const text = await urls.textContent();
	ok(/本文网址：https?:\/\/\S+\.html/.test(text) && /原文网址：https:\/\/www\.example\.com\//.test(text),
	   "print: the article's and the source's URLs", text);
	await page.context().close();
	const screen = await open(browser, 1280, 'light');
	await screen.goto(url);
	ok(await screen.locator('.print-urls').isHidden(), 'screen: the print URLs are not shown');
	await screen.context().close();
}

async function narrow(browser) {
	const page = await open(browser, 320, 'light');
	await page.goto(url, { waitUntil: 'load' });
	ok(await lines(page, '.search-box button') === 1, '320 px: the search button is on one line');
	const h = await page.$eval('.search-box button', b => {
		const s = getComputedStyle(b);
		return [b.getBoundingClientRect().height, parseFloat(s.lineHeight) +
			parseFloat(s.paddingTop) + parseFloat(s.paddingBottom)];
	});
	ok(Math.abs(h[0] - h[1]) < 2, '320 px: its height is one line', JSON.stringify(h));
	ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320),
	   '320 px: nothing wider than the screen');
	await page.context().close();
}

async function table(browser) {
	const page = await open(browser, 390, 'light');
	await page.goto(url, { waitUntil: 'load' });
	const box = await page.$eval('.table-wrap', w => [w.scrollWidth, w.clientWidth]);
	ok(box[0] > box[1], '390 px: the wide table scrolls in its box', JSON.stringify(box));
	ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390),
	   '390 px: the page itself does not scroll sideways');
	ok(await lines(page, 'td:not(.num)') === 1, '390 px: a Chinese cell keeps to one line');
	ok(await page.$eval('td.num', td => getComputedStyle(td).textAlign) === 'right',
	   'numbers are right-aligned');
	ok(/tabular-nums/.test(await page.$eval('td.num', td => getComputedStyle(td).fontVariantNumeric)),
	   'numbers use tabular figures');
	await page.focus('.table-wrap');
	ok(await page.evaluate(() => document.activeElement.classList.contains('table-wrap')),
	   'the table box takes the keyboard focus');
	await page.context().close();
}

async function quotes(browser) {
	const page = await open(browser, 1280, 'light');
	await page.goto(url, { waitUntil: 'load' });
	const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	ok(/^"?PingFang SC/.test(family), 'the font stack starts with CJK fonts', family);
	const r = await page.evaluate(() => {
		// between two ideographs: no punctuation next to it to trim
		const p = document.createElement('p');
		const s = document.createElement('span');
		s.textContent = '“';
		p.append('中', s, '文”');
		document.querySelector('.body').append(p);
		return [s.getBoundingClientRect().width, parseFloat(getComputedStyle(s).fontSize)];
	});
	ok(r[0] >= 0.8 * r[1], 'a Chinese quotation mark is drawn full-width', JSON.stringify(r));
	await page.context().close();
}

(async () => {
	const browser = await launch();
	await share(browser);
	await print(browser);
	await narrow(browser);
	await table(browser);
	await quotes(browser);
	note('done');
	await done(browser);
})();

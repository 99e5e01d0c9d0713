// test/browser/live.cjs BASE IMPORT DB FILE URL - the live home page
// (static/live.js) in chromium: with the poll every second, the polls
// answer 304 while nothing changed and stop while the tab is hidden; FILE
// imported (IMPORT --db DB FILE) while the page is open brings a
// "1 条新消息" button in a live region, which puts the post at URL at the
// top of the latest list.  Then relative times by a fixed browser clock,
// and the page whole without script.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const { ok, note, launch, open, axe, done, path } = require('./lib.cjs');

const [base, importer, db, file, url] = process.argv.slice(2);
const home = base + '/';
const sleep = ms => new Promise(r => setTimeout(r, ms));

// The home page with live.js polling every second; its polls' statuses
// as they came over the wire (the page's fetch() and playwright's response
// see a revalidated copy as the cached 200; the DevTools protocol's
// raw response shows the 304).
async function openLive(browser) {
	const page = await open(browser, 1280, 'light');
	await page.addInitScript(() => { window.FINEWS_LIVE_INTERVAL = 1000; });
	const polls = [];
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const fetches = new Set();
	cdp.on('Network.requestWillBeSent', e => {
		if (e.type === 'Fetch' && e.request.url === home)
			fetches.add(e.requestId);
	});
	cdp.on('Network.responseReceivedExtraInfo', e => {
		if (fetches.has(e.requestId))
			polls.push(e.statusCode);
	});
	await page.goto(home);
	return { page, polls, sent: () => fetches.size };
}

// Waits up to ms for cond() to hold.
async function until(cond, ms) {
	for (const end = Date.now() + ms; Date.now() < end; await sleep(100))
		if (await cond())
			return true;
	return false;
}

async function live(browser) {
	const { page, polls, sent } = await openLive(browser);
	const items = () => page.locator('.latest ol.posts > li').count();
	const button = page.locator('.latest .live-new button');
	ok(await items() === 20, 'the latest list: 20 posts');
	ok(await page.locator('.latest [aria-live="polite"] button').count() === 1,
	   'the button sits in a polite live region above the list');
	ok(await until(() => polls.length >= 2, 5000), `it polls (${polls.length} polls)`);
	ok(polls.length >= 2 && polls.every(s => s === 304),
	   'while nothing changed, every poll is a 304', `statuses: ${polls}`);
	ok(!(await button.isVisible()), '  and no button shows');

	// A hidden tab does not poll; shown again, it polls at once.
	const visibility = hidden => page.evaluate(h => {
		Object.defineProperty(document, 'hidden', { value: h, configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	}, hidden);
	// Polls are counted as sent, not answered: on a busy machine an
	// answer can take longer than the period.
	await visibility(true);
	await sleep(300);                   // a poll being sent goes
	const before = sent();
	await sleep(2500);
	ok(sent() === before, 'no poll while the tab is hidden',
	   `${sent() - before} polls`);
	await visibility(false);
	ok(await until(() => sent() > before, 900), 'one at once when it shows again');

	execFileSync(importer, ['--db', db, file], { stdio: 'ignore' });
	const seen = await until(() => button.isVisible(), 10000);
	ok(seen, 'a post imported while the page is open: a button shows');
	ok(seen && (await button.textContent()) === '1 条新消息', '  "1 条新消息"',
	   seen && await button.textContent());
	// The DevTools protocol's raw response may come after the page has
	// handled the answer (and shown the button): waited for, not assumed.
	ok(await until(() => polls.includes(200), 5000), '  after a poll answered 200',
	   `statuses: ${polls}`);
	ok(await items() === 20, '  the list is unchanged until it is pressed');
	const shots = path.join(__dirname, '../../build/screenshots');
	fs.mkdirSync(shots, { recursive: true });
	for (const scheme of ['light', 'dark']) {
		await page.emulateMedia({ colorScheme: scheme });
		const mine = (await axe(page)).filter(v => v.nodes.some(n => n.includes('live-new')));
		ok(mine.length === 0, `  axe-core finds nothing wrong with the button (${scheme})`,
		   JSON.stringify(mine, null, 1));
		await page.locator('.latest').screenshot({ path: path.join(shots, `live-home-button-${scheme}.png`) });
	}
	await page.emulateMedia({ colorScheme: 'light' });
	await button.click();
	const first = await page.locator('.latest ol.posts > li a.post-title').first()
		.getAttribute('href');
	ok(first === url, 'pressed: the new post is at the top', first);
	ok(await items() === 21, '  the list holds 21 posts');
	ok(await page.locator('.latest ol.posts > li').first().locator('a.post-cat').count() === 1,
	   '  in the server\'s own markup (with its category link)');
	ok(!(await button.isVisible()), '  the button is gone');
	ok(await page.evaluate(() => document.activeElement.classList.contains('post-title')),
	   '  the focus is on the new post\'s link');
	const after = polls.length;
	await until(() => polls.length >= after + 2, 5000);
	ok(polls.slice(after).length >= 1 && polls.slice(after).every(s => s === 304),
	   'then the polls are 304 again', `statuses: ${polls.slice(after)}`);
	ok(!(await button.isVisible()), '  with no button');
	await page.screenshot({ path: path.join(shots, 'live-home-1280-light.png') });
	await page.context().close();
}

// The browser's clock fixed 3 minutes after the newest post (09:30).
async function relative(browser) {
	const page = await open(browser, 390, 'light');
	await page.clock.install({ time: new Date('2022-03-01T09:33:20+08:00') });
	await page.goto(home);
	const times = await page.locator('.latest ol.posts time').evaluateAll(ts =>
		ts.map(t => ({ text: t.textContent, title: t.title, datetime: t.getAttribute('datetime') })));
	ok(times[0].text === '3分钟前', 'the newest post: "3分钟前"', JSON.stringify(times[0]));
	ok(times[0].title === '2022-03-01 09:30 北京时间' &&
	   times[0].datetime === '2022-03-01T09:30:00+08:00',
	   '  the exact time kept in title and datetime', JSON.stringify(times[0]));
	const older = times.find(t => t.datetime === '2022-03-01T08:29:00+08:00');
	ok(older && older.text === '1小时前', 'a post 64 minutes old: "1小时前"', JSON.stringify(older));
	await page.clock.setSystemTime(new Date('2022-03-01T09:29:30+08:00'));
	await page.clock.runFor(60000);
	ok(await page.locator('.latest ol.posts time').first().textContent() === '刚刚',
	   'refreshed each minute: "刚刚" at 30 s');
	await page.clock.setSystemTime(new Date('2022-03-02T10:00:00+08:00'));
	await page.clock.runFor(60000);
	ok(await page.locator('.latest ol.posts time').first().textContent() === '2022-03-01 09:30 北京时间',
	   'a day later: the exact time again');
	await page.context().close();
}

// Without script the page is whole.
async function noScript(browser) {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(home);
	ok(await page.locator('.latest ol.posts > li').count() === 20, 'without script: the latest list');
	ok(await page.locator('.latest ol.posts time').first().textContent() === '2022-03-01 09:30 北京时间',
	   '  exact times');
	ok(await page.locator('.live-new').count() === 0, '  no button');
	await context.close();
}

(async () => {
	const browser = await launch();
	await live(browser);
	await relative(browser);
	await noScript(browser);
	note(`live.js: ${fs.statSync(path.join(__dirname, '../../static/live.js')).size} bytes`);
	await done(browser);
})();

// test/browser/lib.cjs - what the browser tests share: Debian's chromium
// driven through playwright-core, axe-core injected into a page, and TAP
// results as lines "PASS name" / "FAIL name" (then "#" lines saying why),
// which test/lib-browser.sh turns into the calling shell test's TAP lines.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const AXE = require.resolve('axe-core/axe.min.js');
function ok(cond, name, diag) {
	console.log(`${cond ? 'PASS' : 'FAIL'} ${String(name).replace(/\n/g, ' ')}`);
	if (!cond && diag)
		for (const line of String(diag).split('\n'))
			console.log(`#   ${line}`);
	return cond;
}

function note(text) {
	for (const line of String(text).split('\n'))
		console.log(`# ${line}`);
}

// Debian's chromium, headless; CHROMIUM names another binary.
async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
		       '--disable-quic', '--disable-background-networking',
		       '--disable-component-update'],
	});
}

// A page WIDTH px wide in SCHEME ('light' or 'dark').
async function open(browser, width, scheme) {
	const context = await browser.newContext({
		viewport: { width, height: width < 600 ? 844 : 800 },
		colorScheme: scheme,
		locale: 'zh-CN',
	});
	return context.newPage();
}

// axe-core's violations on PAGE, WCAG 2.x A and AA rules and best practice.
async function axe(page) {
	await page.addScriptTag({ path: AXE });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
		});
		return r.violations.map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary),
		}));
	});
}

// Ends the script (closing BROWSER first when given).
async function done(browser) {
	if (browser)
		await browser.close();
	process.exit(0);
}

// A script that throws fails with the reason, rather than dying silently.
process.on('unhandledRejection', e => {
	ok(false, 'the browser script ran to its end', e && e.stack || e);
	process.exit(1);
});

module.exports = { ok, note, launch, open, axe, done, path };

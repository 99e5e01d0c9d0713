// test/browser/paint.cjs BASE PATH... - time to first render: for each
// PATH, RUNS loads (env, default 7) of BASE+PATH in a fresh context (an
// empty cache: a reader arriving from a link), the network throttled
// through CDP (RTT ms, DOWN and UP kbit/s from the environment; default
// 150 ms, 1600 and 750: a slow phone connection), and the page's
// first-contentful-paint; prints "PATH median min max" in ms.
// Used by test/bench-paint.sh.
'use strict';
const { launch, open } = require('./lib.cjs');

const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS || 7);
const rtt = Number(process.env.RTT || 150);
const kbit = n => n * 1000 / 8;

async function fcp(browser, url) {
	const page = await open(browser, 390, 'light');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false, latency: rtt,
		downloadThroughput: kbit(Number(process.env.DOWN || 1600)),
		uploadThroughput: kbit(Number(process.env.UP || 750)),
	});
	await page.goto(url, { waitUntil: 'load' });
	const t = await page.evaluate(() => new Promise(resolve => {
		new PerformanceObserver(list => {
			const e = list.getEntries()
				.find(p => p.name === 'first-contentful-paint');
			if (e)
				resolve(e.startTime);
		}).observe({ type: 'paint', buffered: true });
		setTimeout(() => resolve(-1), 10000);
	}));
	await page.context().close();
	return t;
}

(async () => {
	const browser = await launch();
	const times = Object.fromEntries(paths.map(p => [p, []]));
	for (let i = 0; i < runs; i++)   // interleaved, so that load drifts alike
		for (const p of paths)
			times[p].push(await fcp(browser, base + p));
	for (const p of paths) {
		const t = times[p].sort((a, b) => a - b);
		console.log(`${p} ${t[t.length >> 1].toFixed(0)} ${t[0].toFixed(0)} ${t[t.length - 1].toFixed(0)}`);
	}
	await browser.close();
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });

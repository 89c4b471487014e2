// serve.test.js: the web page of `recoupe serve` in headless Chromium, against a
// server holding the seed sample (started by tests/e2e/serve_browser.sh):
// the story list renders, a click opens the seed story with its sources and
// timeline, the search box finds "Koursk", no request leaves the server, and no
// console error.
'use strict';
const { open, check, run } = require('./browser.js');

const url = process.argv[2];

run(async (browser) => {
  const { page, errors, requests } = await open(browser, url);
  await page.waitForSelector('#stories li a', { timeout: 10000 });
  const items = await page.$$eval('#stories li a', (as) => as.map((a) => a.textContent));
  check('the story list renders', items.length === 1 && items[0].length > 10, JSON.stringify(items));
  const count = await page.textContent('#count');
  check('the counts show', /5 articles, 1 stories/.test(count), count);
  await page.click('#stories li a');
  await page.waitForSelector('#view table', { timeout: 10000 });
  const rows = await page.$$eval('#view table tr', (trs) => trs.length);
  check('a click opens the seed story: its 5 articles in the timeline', rows === 6, rows);
  const meta = await page.textContent('#view p.meta');
  check('the story view names its outlets', /5 articles from \d+ outlets: .+/.test(meta), meta);
  await page.fill('#q', 'Koursk');
  await page.click('#search button');
  await page.waitForSelector('#view .hit', { timeout: 10000 });
  const hits = await page.$$eval('#view .hit', (ps) => ps.map((p) => p.textContent));
  check('the search box finds "Koursk"', hits.length >= 3 && hits.some((h) => /Koursk/.test(h)), hits.length);
  const origin = new URL(url).origin;
  const outside = requests.filter((r) => !r.startsWith(origin));
  check('the page asks for nothing outside the server', outside.length === 0, outside.join(' '));
  check('no console error', errors.length === 0, errors.join(' | '));
});

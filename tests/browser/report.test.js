// report.test.js: the report page as a person sees it in Chromium: it loads with no
// console error and asks for nothing but itself, lists the stories, the filter box
// hides the stories that do not match, and a screenshot is kept.
// usage: node tests/browser/report.test.js REPORT.html [SCREENSHOT.png] [STORIES]
//   STORIES: the number of stories the page must list (omitted: at least one);
//   with a fourth argument ARTICLES, the first story must count that many articles.
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { open, check, run } = require('./browser.js');

const file = path.resolve(process.argv[2] || 'report.html');
const shot = process.argv[3];
const wantStories = process.argv[4] !== undefined ? Number(process.argv[4]) : null;
const wantArticles = process.argv[5] !== undefined ? Number(process.argv[5]) : null;
const url = pathToFileURL(file).href;

run(async (browser) => {
  const t0 = Date.now();
  const { page, errors, requests } = await open(browser, url);
  console.log(`# loaded in ${Date.now() - t0} ms`);
  check('the page loads with no console error', errors.length === 0, errors.join('\n'));
  const others = requests.filter((r) => r !== url);
  check('the page asks for nothing but itself', others.length === 0, others.join('\n'));

  const rows = await page.$$eval('#stories tbody tr', (trs) => trs.map((tr) => ({
    title: tr.cells[1].innerText, size: Number(tr.cells[2].innerText), anchor: tr.dataset.s })));
  if (wantStories !== null) check(`the overview lists ${wantStories} stor${wantStories === 1 ? 'y' : 'ies'}`, rows.length === wantStories, rows.length);
  else check('the overview lists stories', rows.length > 0);
  if (wantArticles !== null && rows.length)
    check(`the first story holds ${wantArticles} articles`, rows[0].size === wantArticles, rows[0].size);
  const sections = await page.$$eval('section.story', (s) => s.length);
  check('each listed story has its section', sections === rows.length, `${sections} sections`);

  // headings in order: one h1, then h2 and h3 without skipping a level
  const levels = await page.$$eval('h1,h2,h3,h4,h5,h6', (hs) => hs.map((h) => Number(h.tagName[1])));
  const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1);
  check('headings go in order', levels[0] === 1 && levels.filter((l) => l === 1).length === 1 && !skips.length, levels.join(','));
  const headless = await page.$$eval('table', (ts) => ts.filter((t) => !t.querySelector('th')).length);
  check('every table has headers', headless === 0, `${headless} without`);
  const bare = await page.$$eval('svg', (ss) => ss.filter((s) => !s.querySelector('title') || !s.querySelector('desc')).length);
  check('every chart has a text alternative', bare === 0, `${bare} without`);

  // the claims table, when the page has one, lists disputed figures first
  const claims = await page.$$('table.claims');
  if (claims.length) {
    const n = await page.$$eval('table.claims tbody tr', (r) => r.length);
    check('the claims table lists claims', n > 0);
    const disputed = await page.$$eval('table.claims tbody tr.disputed', (r) => r.length);
    check('the disputed figures come first and are marked in words',
          disputed === 0 || (await page.$eval('table.claims tbody tr', (r) => r.classList.contains('disputed') && /disputed/.test(r.textContent))));
  } else {
    console.log('ok - # skip no claims table on this page');
  }

  if (rows.length) {
    const filters = await page.isVisible('#filters');
    check('the filter box is shown (the script ran)', filters);
    // a word no title or outlet holds hides every story; clearing shows them again
    await page.fill('#q', 'zzqxjv-no-such-story');
    let shown = await page.$$eval('#stories tbody tr', (trs) => trs.filter((t) => !t.hidden).length);
    let sect = await page.$$eval('section.story', (s) => s.filter((x) => !x.hidden).length);
    check('the filter box hides the stories that do not match', shown === 0 && sect === 0, `${shown} rows, ${sect} sections shown`);
    const word = rows[0].title.split(/\s+/).find((w) => w.length > 3) || rows[0].title;
    await page.fill('#q', word.toUpperCase());
    shown = await page.$$eval('#stories tbody tr', (trs) => trs.filter((t) => !t.hidden).map((t) => t.dataset.s));
    check('the filter box keeps the stories that match (any case)', shown.includes(rows[0].anchor), word);
    await page.fill('#q', '');
    shown = await page.$$eval('#stories tbody tr', (trs) => trs.filter((t) => !t.hidden).length);
    check('clearing the filter shows every story again', shown === rows.length, shown);
  }
  // hostile text stays text: no element the input could have made
  const injected = await page.$$eval('img, iframe, object, embed', (e) => e.length);
  const scripts = await page.$$eval('script', (s) => s.length);
  check('no element comes from the input (no img, iframe; one script)', injected === 0 && scripts === 1, `${injected} elements, ${scripts} scripts`);
  const jsLinks = await page.$$eval('a[href]', (as) => as.filter((a) => !/^(https?:|#|file:)/i.test(a.getAttribute('href'))).length);
  check('every link is http(s) or inside the page', jsLinks === 0, `${jsLinks} others`);
  // printed: no filter box, every story drawn
  await page.emulateMedia({ media: 'print' });
  const printFilters = await page.isVisible('#filters');
  const printed = await page.$$eval('section.story', (s) => s.filter((x) => getComputedStyle(x).display !== 'none').length);
  check('printed, the page drops the filter box and keeps every story', !printFilters && printed === rows.length, `${printed} stories`);
  await page.emulateMedia({ media: 'screen' });
  if (shot) {
    await page.screenshot({ path: shot, fullPage: false });
    console.log(`# screenshot: ${shot}`);
  }
});

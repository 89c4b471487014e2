// report_load.js: how long headless Chromium takes to load a report page: the
// navigation's loadEventEnd (parse, style, layout of the whole page, script run),
// the median of RUNS loads in fresh pages. Prints "load_ms MEDIAN MIN MAX".
// usage: node bench/report_load.js REPORT.html [RUNS]
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { launch, open } = require('../tests/browser/browser.js');

(async () => {
  const url = pathToFileURL(path.resolve(process.argv[2])).href;
  const runs = Number(process.argv[3] || 5);
  const browser = await launch();
  const ms = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const { page, errors: e } = await open(browser, url);
    errors += e.length;
    ms.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    await page.close();
  }
  await browser.close();
  ms.sort((a, b) => a - b);
  console.log(`load_ms ${ms[Math.floor(runs / 2)].toFixed(0)} ${ms[0].toFixed(0)} ${ms[runs - 1].toFixed(0)} errors ${errors}`);
})().catch((e) => { console.error(e); process.exit(1); });

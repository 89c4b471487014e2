// browser.js: what every browser test shares. Starts Debian's headless Chromium
// through playwright-core (no browser download: the executable is /usr/bin/chromium),
// opens a page while recording console errors and every network request, and
// prints results as the e2e runner counts them ("ok - NAME" / "not ok - NAME").
'use strict';
const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
let failures = 0;

// Chromium as root, without sandbox, GPU or any background connection: the
// machine has no network, and each refused connection would show as noise.
async function launch() {
  // playwright-core gives each launch a fresh, empty profile of its own
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Opens url in a new page; returns { page, errors, requests } where errors holds the
// console errors and uncaught exceptions, requests every URL the page asked for.
async function open(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

function check(name, cond, detail) {
  if (cond) {
    console.log(`ok - ${name}`);
  } else {
    failures++;
    console.log(`not ok - ${name}`);
    if (detail !== undefined) console.log(`    ${String(detail).slice(0, 600)}`);
  }
}

// Runs main(browser); a throw is one failed check; exits 1 when any check failed.
async function run(main) {
  let browser;
  try {
    browser = await launch();
    await main(browser);
  } catch (e) {
    check('browser test ran to its end', false, e && e.stack ? e.stack : e);
  } finally {
    if (browser) await browser.close();
  }
  process.exit(failures ? 1 : 0);
}

module.exports = { launch, open, check, run };

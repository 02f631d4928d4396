// csp-check.mjs — every page of a built site keeps working under its
// Content-Security-Policy in headless Chromium, from file:// (or from a
// server, for `handout serve`): no violation is reported, every image
// loads, the style sheet applies, handout's scripts run (the search form
// and the checklist's buttons show), and a script slipped into a page
// does not run. With a server, a save that changes the open exercise page
// reloads it (the live-reload script runs under the policy too).
// Usage: VERIFY_NODE_DIR=DIR node csp-check.mjs SITE_DIR [BASE_URL TOUCH_FILE]
import { createRequire } from 'node:module';
import { resolve, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const [siteArg, base, touch] = process.argv.slice(2);
if (!siteArg) { console.error('usage: csp-check.mjs SITE_DIR [BASE_URL TOUCH_FILE]'); process.exit(2); }
const site = resolve(siteArg);
let failed = false;
const fail = (message) => { console.error(`csp: ${message}`); failed = true; };

const pages = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.html')) pages.push(relative(site, path));
  }
})(site);
pages.sort();
const address = (page) => base
  ? new URL(page.replace(/index\.html$/, ''), base.endsWith('/') ? base : base + '/').href
  : pathToFileURL(join(site, page)).href;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
// Each page reports the policy's violations into window.__violations.
const watch = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI || ''} ${e.sample || ''}`.trim());
  });
};

async function visit(page, url) {
  const response = await page.goto(url);
  await page.waitForLoadState('load');
  await page.waitForTimeout(50);
  return response;
}

try {
  const context = await browser.newContext();
  await context.addInitScript(watch);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const name of pages) {
    const url = address(name);
    await visit(page, url);
    // Lazy images below the fold load once asked for.
    await page.evaluate(() => Promise.all(Array.from(document.images).map((i) => {
      i.loading = 'eager';
      return i.decode().catch(() => {});
    })));
    const report = await page.evaluate(() => ({
      violations: window.__violations,
      csp: document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length,
      broken: Array.from(document.images).filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
      styled: getComputedStyle(document.body).fontSize,
      search: document.querySelector('.search-form') ? !document.querySelector('.search-form').hidden : null,
      print: document.getElementById('ck-print') ? !document.getElementById('ck-print').hidden : null,
    }));
    if (report.csp !== 1) fail(`${name}: ${report.csp} policies, not one`);
    for (const v of report.violations) fail(`${name}: the policy blocked ${v}`);
    for (const src of report.broken) fail(`${name}: image not shown: ${src}`);
    if (parseFloat(report.styled) < 18) fail(`${name}: the style sheet did not apply (body ${report.styled})`);
    if (report.search === false) fail(`${name}: the search script did not run`);
    if (report.print === false) fail(`${name}: the checklist script did not run`);
  }
  for (const e of errors) fail(`a script failed: ${e}`);
  console.log(`csp: ${pages.length} pages ${base ? 'from ' + base : 'from file://'}, no violation, images shown, scripts ran`);

  if (!base) {
    // A script slipped into a copy of the home page does not run.
    const copy = mkdtempSync(join(tmpdir(), 'csp-'));
    cpSync(site, copy, { recursive: true });
    const home = join(copy, 'index.html');
    const html = readFileSync(home, 'utf8').replace('</main>',
      '<script>window.__slipped = 1;</script><img src="data:," onerror="window.__handler = 1" alt=""></main>');
    writeFileSync(home, html);
    await visit(page, pathToFileURL(home).href);
    const ran = await page.evaluate(() => ({ script: window.__slipped, handler: window.__handler, violations: window.__violations.length }));
    if (ran.script || ran.handler) fail(`a slipped-in script ran: ${JSON.stringify(ran)}`);
    if (ran.violations < 2) fail(`the policy reported ${ran.violations} blocked scripts, not 2`);
    else console.log('csp: a script and a handler slipped into a page were blocked');
  } else if (touch) {
    // The live-reload script runs under the policy: a save that changes
    // the open page reloads it (serve reloads only the pages a save
    // changed, so the save changes the exercise's summary, on its page).
    await visit(page, address('exercises/calf-stretch/index.html'));
    const reloaded = page.waitForEvent('load', { timeout: 15000 });
    const yaml = readFileSync(touch, 'utf8');
    writeFileSync(touch, yaml.replace(/^summary: (.*)\.$/m, 'summary: $1, gently.'));
    await reloaded;
    if (!(await page.content()).includes('gently.')) fail('the reloaded page does not show the save');
    const violations = await page.evaluate(() => window.__violations);
    for (const v of violations) fail(`after the reload: the policy blocked ${v}`);
    console.log('csp: a save reloaded the open page');
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

// page-check.mjs — what every page does on a phone, in headless Chromium
// from file:// at 375 px: the header takes less than a quarter of an
// 812 px screen; its Menu button opens the navigation from the keyboard
// (aria-expanded says so), Escape closes it and gives the focus back; at
// 1280 px there is no Menu button and the header is as tall on every page
// of a language. On each exercise page the print button prints, and the
// page's description is its summary; every page's icon loads.
// Usage: VERIFY_NODE_DIR=DIR node page-check.mjs SITE_DIR
// Needs playwright-core in VERIFY_NODE_DIR and Debian's chromium.
import { createRequire } from 'node:module';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { resolve, join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const [siteArg] = process.argv.slice(2);
if (!siteArg) { console.error('usage: page-check.mjs SITE_DIR'); process.exit(2); }
const site = resolve(siteArg);
const fail = (message) => { console.error(`page: ${message}`); process.exitCode = 1; };
const walk = (p) => statSync(p).isDirectory()
  ? readdirSync(p).sort().flatMap((f) => walk(join(p, f)))
  : (p.endsWith('.html') && !p.endsWith('404.html') ? [p] : []);
const files = walk(site);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let exercises = 0;
try {
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await phone.exposeFunction('__printed', () => { phone.printed = (phone.printed || 0) + 1; });
  // Playwright's own script, not the page's: it stands in for the dialog.
  await phone.addInitScript(() => { window.print = () => window.__printed(); });
  for (const file of files) {
    const name = relative(site, file);
    await phone.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const header = await phone.evaluate(() => document.querySelector('.site-header').offsetHeight);
    if (header > 812 / 4) fail(`${name}: the header is ${header} px tall on a phone`);
    const menu = phone.locator('.menu-button');
    if (!await menu.isVisible()) { fail(`${name}: no Menu button at 375 px`); continue; }
    await menu.focus();
    await phone.keyboard.press('Enter');
    const open = await menu.getAttribute('aria-expanded');
    const shown = await phone.locator('#site-nav').isVisible();
    if (open !== 'true' || !shown) fail(`${name}: Enter on Menu leaves it ${open}, the navigation ${shown ? 'shown' : 'hidden'}`);
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Escape');
    const closed = await menu.getAttribute('aria-expanded');
    const focused = await phone.evaluate(() => document.activeElement.classList.contains('menu-button'));
    if (closed !== 'false' || !focused) fail(`${name}: Escape in the navigation leaves the menu ${closed}, the focus ${focused ? 'on Menu' : 'elsewhere'}`);
    const icon = await phone.evaluate(() => document.querySelector('link[rel=icon]')?.href);
    if (!icon || !existsSync(fileURLToPath(icon))) fail(`${name}: its icon ${icon} is not there`);
    if (/exercises\/[^/]+\/index\.html$/.test(name)) {
      exercises++;
      const before = phone.printed || 0;
      await phone.locator('.print-button').click();
      await phone.waitForTimeout(50);
      if ((phone.printed || 0) !== before + 1) fail(`${name}: the print button does not print`);
      const [description, summary] = await phone.evaluate(() => [
        document.querySelector('meta[name=description]').content,
        document.querySelector('.exercise-head .lead').textContent.trim()]);
      if (description !== summary) fail(`${name}: the description "${description}" is not the summary "${summary}"`);
    }
  }
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const heights = {};
  for (const file of files) {
    await desk.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (await desk.locator('.menu-button').isVisible()) fail(`${relative(site, file)}: a Menu button at 1280 px`);
    const language = await desk.evaluate(() => document.documentElement.lang);
    const height = await desk.evaluate(() => document.querySelector('.site-header').offsetHeight);
    (heights[language] ||= new Set()).add(height);
  }
  for (const [language, set] of Object.entries(heights)) {
    if (set.size > 1) fail(`at 1280 px the ${language} header changes height between pages: ${[...set].join(', ')} px`);
  }
  if (!process.exitCode) console.log(`page: ${files.length} pages: a compact header and a keyboard menu at 375 px, one header height per language at 1280 px (${Object.entries(heights).map(([l, s]) => `${l} ${[...s][0]} px`).join(', ')}); ${exercises} exercise pages print and describe themselves by their summary`);
} finally { await browser.close(); }

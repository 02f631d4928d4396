// cards-check.mjs — each exercise card of the site's home page is one
// link, named by the exercise's title alone, and a tap anywhere on the
// card (its picture, its summary, its dose) opens the exercise's page;
// checked in headless Chromium from file://, at a phone's width.
// Usage: VERIFY_NODE_DIR=DIR node cards-check.mjs SITE_DIR
// Needs playwright-core in VERIFY_NODE_DIR (see install-verify-tools.sh)
// and Debian's chromium. Exit 1 on a failure.
import { createRequire } from 'node:module';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const [site] = process.argv.slice(2);
if (!site) { console.error('usage: cards-check.mjs SITE_DIR'); process.exit(2); }
const fail = (message) => { console.error(`cards: ${message}`); process.exitCode = 1; };
const home = pathToFileURL(join(resolve(site), 'index.html')).href;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let tapped = 0;
try {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true })).newPage();
  await page.goto(home);
  const cards = await page.locator('.card').count();
  if (!cards) fail('the home page has no cards');
  for (let i = 0; i < cards; i++) {
    await page.goto(home);
    const card = page.locator('.card').nth(i);
    const title = (await card.locator('.card-title').innerText()).trim();
    const links = card.getByRole('link');
    if (await links.count() !== 1) fail(`"${title}": ${await links.count()} links, not one`);
    const name = await links.first().evaluate((a) => a.textContent.trim());
    if (name !== title) fail(`"${title}": the link is named "${name}"`);
    const href = await links.first().getAttribute('href');
    for (const part of ['.card-figure', '.card-summary', '.card-dose']) {
      await page.goto(home);
      const target = page.locator('.card').nth(i).locator(part);
      if (!await target.count()) continue;
      await target.scrollIntoViewIfNeeded();
      // A finger on the middle of that part: the title's link, stretched
      // over the card, takes it.
      const box = await target.boundingBox();
      await Promise.all([
        page.waitForURL((url) => url.href !== home, { timeout: 5000 }).catch(() => {}),
        page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2),
      ]);
      await page.waitForLoadState('load');
      if (!page.url().endsWith(href.replace(/^(\.\.\/)+/, ''))) fail(`"${title}": a tap on ${part} went to ${page.url()}, not ${href}`);
      tapped++;
    }
  }
  if (!process.exitCode) console.log(`cards: ${cards} cards, each one link named by its title; ${tapped} taps on pictures, summaries and doses opened the exercise`);
} finally { await browser.close(); }

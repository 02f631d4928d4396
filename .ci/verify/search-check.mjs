// search-check.mjs — the site's search works from file:// in headless
// Chromium: on the search page, typing WORD with the keyboard leaves only
// exercises whose words hold it (at least one), says how many in the
// status line, and axe-core (WCAG 2.2 A/AA and best practice) finds no
// violation with the results shown. Case and accents do not count:
// "musculos" typed on the Spanish site finds "músculos".
// Usage: VERIFY_NODE_DIR=DIR node search-check.mjs SITE_DIR WORD [HOME LINK]
// (HOME: the home page inside SITE_DIR, index.html by default; LINK: the
// name of its link to the search page, Search by default)
// Needs playwright-core and @axe-core/playwright in VERIFY_NODE_DIR (see
// install-verify-tools.sh) and Debian's chromium.
import { createRequire } from 'node:module';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');
const axeMod = req('@axe-core/playwright');
const AxeBuilder = axeMod.AxeBuilder || axeMod.default;

const [site, word, homePage = 'index.html', linkName = 'Search'] = process.argv.slice(2);
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
if (!site || !word) { console.error('usage: search-check.mjs SITE_DIR WORD'); process.exit(2); }
const fail = (message) => { console.error(`search: ${message}`); process.exitCode = 1; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Reach the search page the way a reader does: from the home page's
  // navigation, on file://.
  await page.goto(pathToFileURL(join(resolve(site), homePage)).href);
  await page.getByRole('link', { name: linkName, exact: true }).first().click();
  await page.waitForLoadState('load');
  const total = await page.locator('#search-results > li').count();
  // Keyboard only: Tab to the box, then type.
  const box = page.getByRole('searchbox');
  await box.focus();
  await page.keyboard.type(word);
  const shown = page.locator('#search-results > li:not([hidden])');
  const count = await shown.count();
  const texts = await shown.allInnerTexts();
  const status = await page.locator('#search-status').innerText();
  if (errors.length) fail(`script errors: ${errors.join('; ')}`);
  if (count === 0) fail(`nothing found for "${word}"`);
  if (count >= total) fail(`"${word}" left all ${total} exercises: nothing was filtered`);
  const missing = texts.filter((t) => !fold(t).includes(fold(word)));
  if (missing.length) fail(`results without "${word}": ${missing.join(' | ')}`);
  if (!status.startsWith(String(count))) fail(`the status says "${status}" for ${count} results`);
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  for (const v of axe.violations) fail(`axe: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (!process.exitCode) console.log(`search: "${word}" found ${count} of ${total} exercises from file:// (${status}); axe clean`);
} finally { await browser.close(); }

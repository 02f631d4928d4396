// checklist-check.mjs — the site's web checklist remembers by program and
// week, and keeps everything on the device. SITE_DIR is served over HTTP
// by static-server.mjs (localStorage belongs to an origin); PAGE is the
// checklist's path inside it (programs/<id>/index.html or
// checklist/index.html). In headless Chromium:
// - a tick made at PAGE is there after loading the same checklist under
//   its other address (the folder, without index.html) and in the other
//   language (es/PAGE, when the site has it);
// - "Clear this week's ticks" clears the week shown only: a tick of
//   another week and one of another phase stay;
// - a start date (eight days ago) opens week 2, and today's column is
//   marked (aria-current="date");
// - every exercise's name links to its page, which loads; the skip link
//   leads past the grid;
// - printed, a ticked box is blank unless "Print with my ticks" was
//   chosen; in forced colours an optional box is still dashed;
// - no request leaves for another origin, and ticking, changing week,
//   clearing and dating make no request at all.
// Usage: VERIFY_NODE_DIR=DIR node checklist-check.mjs SITE_DIR PAGE
// Needs playwright-core in VERIFY_NODE_DIR and Debian's chromium.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { serveFolder } from './static-server.mjs';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const [siteArg, pagePath] = process.argv.slice(2);
if (!siteArg || !pagePath) { console.error('usage: checklist-check.mjs SITE_DIR PAGE'); process.exit(2); }
const site = resolve(siteArg);
const fail = (message) => { console.error(`checklist: ${message}`); process.exitCode = 1; };
const server = await serveFolder(site);
const origin = server.origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (dialog) => dialog.accept());
  const open = async (path) => { await page.goto(`${origin}/${path}`, { waitUntil: 'load' }); };
  const phases = '.ck-phase';
  const box = (phase, n) => page.locator(phases).nth(phase).locator('input.ck-box').nth(n);
  const checked = (phase, n) => box(phase, n).isChecked();

  await open(pagePath);
  if (await page.locator(phases).count() < 1) throw new Error(`${pagePath} has no phase`);
  const twoPhases = await page.locator(phases).count() > 1;
  const id = await box(0, 0).getAttribute('id');
  const quiet = async (what, action) => {
    const before = requests.length;
    await action();
    await page.waitForTimeout(100);
    // The browser may fetch the tab's icon whenever it likes.
    const made = requests.slice(before).filter((url) => !url.endsWith('/favicon.svg'));
    if (made.length) fail(`${what} made a request: ${made.join(', ')}`);
  };
  await quiet('ticking a box', () => box(0, 0).check());

  // The same checklist at its other address and in the other language.
  const folder = pagePath.replace(/index\.html$/, '');
  const others = [folder];
  if (existsSync(join(site, 'es', pagePath))) others.push(`es/${pagePath}`, `es/${folder}`);
  for (const other of others) {
    await open(other);
    const same = page.locator(`[id="${id}"]`);
    if (!await same.isChecked()) fail(`the tick of ${id} made at /${pagePath} is not there at /${other}`);
  }

  // Clear one week only.
  await open(pagePath);
  const section = page.locator(phases).nth(0);
  await quiet('changing week', () => section.locator('.ck-next').click());
  const week2 = await section.locator('.ck-week-now').innerText();
  if (!/2/.test(week2)) fail(`after Next week the phase says "${week2}"`);
  if (await checked(0, 0)) fail('week 2 shows the tick of week 1');
  await box(0, 1).check();
  if (twoPhases) await box(1, 0).check();
  await section.locator('.ck-prev').click();
  if (!await checked(0, 0)) fail('back in week 1, its tick is gone');
  await quiet('clearing a week', () => section.locator('.ck-clear-week').click());
  if (await checked(0, 0)) fail('"Clear this week" left the tick of the week shown');
  await section.locator('.ck-next').click();
  if (!await checked(0, 1)) fail('"Clear this week" cleared another week');
  if (twoPhases && !await checked(1, 0)) fail('"Clear this week" cleared another phase');

  // A start date eight days ago: week 2 opens, today is marked.
  await open(pagePath);
  const start = new Date(); start.setDate(start.getDate() - 8);
  const iso = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
  await quiet('entering a start date', () => section.locator('.ck-start-input').fill(iso));
  await open(pagePath);
  const now = await section.locator('.ck-week-now').innerText();
  if (!/2/.test(now)) fail(`with a start date 8 days ago the phase opens at "${now}", not week 2`);
  const today = await section.locator('.ck-day-head[aria-current="date"]').count();
  if (today !== 1) fail(`${today} day heads are marked as today, not 1`);
  if (await section.locator('.ck-cell.ck-today').count() < 1) fail("today's boxes are not marked");

  // Names link to their exercises; the skip link leads past the grid.
  for (const href of await page.locator('a.ck-ex-title').evaluateAll((links) => links.map((a) => a.href))) {
    const status = (await page.request.get(href)).status();
    if (status !== 200) fail(`the exercise link ${href} answers ${status}`);
  }
  const skip = await section.locator('a.ck-skip').getAttribute('href');
  if (!skip || !await page.locator(skip).count()) fail(`the skip link leads to ${skip}, which is not on the page`);

  // Printed: blank unless asked; forced colours: dashed stays dashed.
  await box(0, 0).check();
  await page.emulateMedia({ media: 'print' });
  // A tick is drawn as the box's background image.
  const tick = () => box(0, 0).evaluate((b) => getComputedStyle(b).backgroundImage);
  if (await tick() !== 'none') fail('a tick prints though the patient did not ask');
  await page.evaluate(() => document.body.classList.add('ck-print-ticks'));
  if (await tick() === 'none') fail('"Print with my ticks" prints blank boxes');
  await page.evaluate(() => document.body.classList.remove('ck-print-ticks'));
  await page.emulateMedia({ media: 'screen', forcedColors: 'active' });
  const optional = page.locator('input.ck-box.ck-optional').first();
  if (await optional.count()) {
    const style = await optional.evaluate((b) => `${getComputedStyle(b).borderTopStyle} ${getComputedStyle(b).appearance}`);
    if (style !== 'dashed none') fail(`in forced colours an optional box is "${style}", not a dashed drawing`);
  }

  const away = requests.filter((url) => !url.startsWith(origin));
  if (away.length) fail(`requests left the site: ${away.join(', ')}`);
  if (errors.length) fail(`script errors: ${errors.join('; ')}`);
  if (!process.exitCode) console.log(`checklist: /${pagePath}: a tick kept across ${others.length} other addresses and languages; one week cleared alone; a start date opens week 2 with today marked; names link to their pages; printed blank unless asked; dashed in forced colours; ${requests.length} requests, all to the site itself, none from ticking`);
} finally { await browser.close(); server.close(); }

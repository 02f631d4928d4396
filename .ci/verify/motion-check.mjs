// motion-check.mjs — nothing on the site moves for more than 5 seconds
// without a control to stop it (WCAG 2.2.2 Pause, Stop, Hide), checked in
// headless Chromium from file:// on every page:
// - after loading, every running animation or transition that lasts more
//   than 5 s (or forever) must sit in a figure with a visible button (the
//   control that stops it);
// - no image file of the site (SVG) animates by itself: an image cannot
//   be paused;
// - each figure's play button starts the movement (it then says "stop"),
//   every animation it starts that lasts more than 5 s has that button
//   beside it, the button stops it, and axe-core finds no violation while
//   it plays;
// - with reduced motion asked for, no play button is offered.
// Usage: VERIFY_NODE_DIR=DIR node motion-check.mjs SITE_DIR
// Needs playwright-core and @axe-core/playwright in VERIFY_NODE_DIR (see
// install-verify-tools.sh) and Debian's chromium. Exit 1 on a violation.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');
const axeMod = req('@axe-core/playwright');
const AxeBuilder = axeMod.AxeBuilder || axeMod.default;

const LIMIT_MS = 5000;
const [site] = process.argv.slice(2);
if (!site) { console.error('usage: motion-check.mjs SITE_DIR'); process.exit(2); }
const fail = (message) => { console.error(`motion: ${message}`); process.exitCode = 1; };
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const files = walk(resolve(site));

// An image file that moves by itself: SMIL elements or CSS animations.
for (const file of files.filter((f) => f.endsWith('.svg'))) {
  const text = readFileSync(file, 'utf8');
  if (/<(animate|animateMotion|animateTransform|set)\b/.test(text) || /@keyframes|animation\s*:/.test(text)) {
    fail(`${file}: the image animates by itself, and an image cannot be paused`);
  }
}

// Every running animation longer than the limit, and whether a visible
// button stands beside it (in the same figure).
const LONG_RUNNERS = ({ limit }) => document.getAnimations()
  .filter((a) => a.playState === 'running' || a.playState === 'pending')
  .map((a) => {
    const end = a.effect.getComputedTiming().endTime;
    const target = a.effect.target;
    const home = target && target.closest('figure');
    const controls = home ? [...home.querySelectorAll('button')]
      .filter((b) => !b.hidden && b.offsetParent !== null) : [];
    const name = target ? `${target.tagName.toLowerCase()}${target.className ? '.' + String(target.className).split(' ').join('.') : ''}` : '?';
    return { name, end, controlled: controls.length > 0 };
  })
  .filter((a) => a.end > limit);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let pages = 0, played = 0;
try {
  const context = await browser.newContext();
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    pages++;
    for (const a of await page.evaluate(LONG_RUNNERS, { limit: LIMIT_MS })) {
      if (!a.controlled) fail(`${url}: ${a.name} animates for ${a.end} ms on its own, with no button to stop it`);
    }
    const buttons = page.locator('[data-figure-motion] .figure-play');
    for (let i = 0; i < await buttons.count(); i++) {
      const button = buttons.nth(i);
      if (!await button.isVisible()) { fail(`${url}: a figure's play button is not shown`); continue; }
      const before = await button.innerText();
      await button.click();
      await page.waitForTimeout(300);
      const running = await page.evaluate(LONG_RUNNERS, { limit: 0 });
      if (!running.length) fail(`${url}: the play button started no movement`);
      for (const a of running) {
        if (a.end > LIMIT_MS && !a.controlled) fail(`${url}: ${a.name} plays for ${a.end} ms with no button to stop it`);
      }
      const during = await button.innerText();
      if (during === before) fail(`${url}: the play button still says "${before}" while the movement plays`);
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      for (const v of axe.violations) fail(`${url} (playing): axe ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await button.click();
      await page.waitForTimeout(100);
      const left = await page.evaluate(LONG_RUNNERS, { limit: 0 });
      if (left.length) fail(`${url}: the button did not stop the movement (${left.map((a) => a.name).join(', ')})`);
      if (await button.innerText() !== before) fail(`${url}: the stopped button does not say "${before}" again`);
      played++;
    }
    if (errors.length) fail(`${url}: script errors: ${errors.join('; ')}`);
    await page.close();
  }
  // With reduced motion asked for, nothing is offered to play.
  const calm = await browser.newContext({ reducedMotion: 'reduce' });
  for (const file of files.filter((f) => f.endsWith('.html') && f.includes('exercises'))) {
    const page = await calm.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const shown = await page.locator('[data-figure-motion] .figure-play:visible').count();
    if (shown) fail(`${file}: a play button is offered although reduced motion is asked for`);
    await page.close();
  }
} finally { await browser.close(); }
if (!process.exitCode) {
  console.log(`motion: ${pages} pages, nothing moves by itself for more than ${LIMIT_MS / 1000} s; ${played} figures play and stop on request, axe clean while playing; no play button with reduced motion`);
}

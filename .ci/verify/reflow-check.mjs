// reflow-check.mjs — every page of a built site reflows on a phone (WCAG
// 1.4.4 and 1.4.10): loaded from file:// in headless Chromium at 320 CSS
// px, and at 375 px with the root font size at 200%, no page scrolls
// sideways (scrollWidth <= clientWidth) and no text is clipped: every
// text node's boxes stand inside the page's width and inside every
// ancestor whose `overflow` is not `visible` (a scrolling box or a hidden
// overflow would hide it). Text meant for screen readers only
// (.visually-hidden) and the skip links (.skip-link, and the checklist's
// .ck-skip, shown when they have the focus) are not read. Where the
// navigation folds behind a Menu button, the page is measured again with
// the menu opened from the keyboard.
// Usage: VERIFY_NODE_DIR=DIR node reflow-check.mjs SITE_DIR...
// Needs playwright-core in VERIFY_NODE_DIR (see install-verify-tools.sh)
// and Debian's chromium. Exit 1 on a failure, with every page and width
// that fails and the text that is cut.
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { resolve, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const sites = process.argv.slice(2);
if (!sites.length) { console.error('usage: reflow-check.mjs SITE_DIR...'); process.exit(2); }
const fail = (message) => { console.error(`reflow: ${message}`); process.exitCode = 1; };
const walk = (p) => statSync(p).isDirectory()
  ? readdirSync(p).sort().flatMap((f) => walk(join(p, f)))
  : (p.endsWith('.html') ? [p] : []);

// The two ways a phone shows a page.
const widths = [
  { name: '320 px', width: 320, rootFont: null },
  { name: '375 px at 200% text', width: 375, rootFont: '200%' },
];

// Runs in the page: what scrolls sideways and which text is cut.
function measure() {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const problems = [];
  if (doc.scrollWidth > width) problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${width} px`);
  const skipped = (element) => element.closest('.visually-hidden, .skip-link, .ck-skip, [hidden]');
  const clippers = (element) => {
    const found = [];
    for (let e = element; e && e !== doc; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') found.push(e);
    }
    return found;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || skipped(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    const cut = [];
    for (const r of rects) {
      if (r.left < -1 || r.right > width + 1) cut.push(`outside the page's width (${Math.round(r.left)}..${Math.round(r.right)} of ${width})`);
    }
    for (const box of clippers(parent)) {
      const b = box.getBoundingClientRect();
      const left = b.left + box.clientLeft, top = b.top + box.clientTop;
      const right = left + box.clientWidth, bottom = top + box.clientHeight;
      for (const r of rects) {
        if (r.left < left - 1 || r.right > right + 1 || r.top < top - 1 || r.bottom > bottom + 1) {
          const name = box.tagName.toLowerCase() + (box.className ? '.' + String(box.className).trim().split(/\s+/).join('.') : '');
          cut.push(`clipped by ${name} (overflow ${getComputedStyle(box).overflowX}/${getComputedStyle(box).overflowY})`);
          break;
        }
      }
    }
    if (cut.length) {
      const line = `"${text.slice(0, 50)}" ${cut[0]}`;
      if (!seen.has(line)) { seen.add(line); problems.push(line); }
    }
  }
  return problems;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let pages = 0, failed = 0;
try {
  for (const { name, width, rootFont } of widths) {
    const context = await browser.newContext({ viewport: { width, height: 812 } });
    const page = await context.newPage();
    for (const site of sites) {
      for (const file of walk(resolve(site))) {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        if (rootFont) {
          await page.evaluate((size) => document.documentElement.style.setProperty('font-size', size, 'important'), rootFont);
        }
        const problems = await page.evaluate(measure);
        // A folded navigation must reflow open too, and open by keyboard.
        const menu = page.locator('.menu-button:visible');
        if (await menu.count()) {
          await menu.focus();
          await page.keyboard.press('Enter');
          const open = await page.evaluate(() => {
            const nav = document.getElementById('site-nav');
            return document.querySelector('.menu-button').getAttribute('aria-expanded') === 'true' && nav.offsetHeight > 0;
          });
          if (!open) problems.push('the Menu button does not open the navigation from the keyboard');
          problems.push(...(await page.evaluate(measure)).map((p) => `with the menu open: ${p}`));
        }
        pages++;
        if (problems.length) {
          failed++;
          fail(`${relative(process.cwd(), file)} at ${name}:\n  ${problems.slice(0, 12).join('\n  ')}${problems.length > 12 ? `\n  … and ${problems.length - 12} more` : ''}`);
        }
      }
    }
    await context.close();
  }
} finally { await browser.close(); }
if (!process.exitCode) console.log(`reflow: ${pages} page loads (${sites.length} site(s), 320 px and 375 px at 200% text): no sideways scroll, no text clipped`);
else console.error(`reflow: ${failed} of ${pages} page loads fail`);

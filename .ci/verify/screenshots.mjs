// screenshots.mjs — full-page screenshots of a built site, for a person
// to look at: the home page, an exercise, the checklist and the Spanish
// home page (when the site has one), at 375 and 1280 CSS px, from file://
// in headless Chromium. Writes OUT_DIR/<page>-<width>.png and prints
// each file's name.
// Usage: VERIFY_NODE_DIR=DIR node screenshots.mjs SITE_DIR OUT_DIR [PAGE...]
// (PAGE: a path inside the site, to shoot instead of the four above).
// Needs playwright-core in VERIFY_NODE_DIR (see install-verify-tools.sh)
// and Debian's chromium.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const [site, out, ...asked] = process.argv.slice(2);
if (!site || !out) { console.error('usage: screenshots.mjs SITE_DIR OUT_DIR [PAGE...]'); process.exit(2); }
const root = resolve(site);
const first = (folder) => {
  const dir = join(root, folder);
  if (!existsSync(dir)) return null;
  const name = readdirSync(dir).sort().find((f) => existsSync(join(dir, f, 'index.html')));
  return name ? `${folder}/${name}/index.html` : null;
};
const pages = asked.length
  ? asked.map((p) => [p.replace(/\/index\.html$|\.html$/, '').replace(/[^a-z0-9]+/gi, '-') || 'home', p])
  : [
    ['home', 'index.html'],
    ['exercise', first('exercises')],
    ['checklist', existsSync(join(root, 'checklist/index.html')) ? 'checklist/index.html' : first('programs')],
    ['home-es', existsSync(join(root, 'es/index.html')) ? 'es/index.html' : null],
  ].filter(([, p]) => p);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const width of [375, 1280]) {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    for (const [name, path] of pages) {
      await page.goto(pathToFileURL(join(root, path)).href, { waitUntil: 'load' });
      const file = join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }
} finally { await browser.close(); }

// notfound-check.mjs — the site's 404 pages work wherever a server shows
// them. Each SITE_DIR (a build without base_url, and one with) is served
// under the sub-path /sub/site/ by static-server.mjs, which answers a
// missing address with the 404 page of its language (the site's 404.html,
// or es/404.html under es/) and status 404, as a web host does. At depth 3
// (/sub/site/exercises/old-name/more/), and opened from file://, the page
// must be styled (its inline style sheet applies) and its Home link must
// lead to the home page of its language, which loads (status 200); every
// other link of the page must load too.
// Usage: VERIFY_NODE_DIR=DIR node notfound-check.mjs SITE_DIR...
// Needs playwright-core in VERIFY_NODE_DIR and Debian's chromium.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveFolder } from './static-server.mjs';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');

const sites = process.argv.slice(2).map((s) => resolve(s));
if (!sites.length) { console.error('usage: notfound-check.mjs SITE_DIR...'); process.exit(2); }
const fail = (message) => { console.error(`404: ${message}`); process.exitCode = 1; };
const PREFIX = '/sub/site/';

// Serves `site` under PREFIX; anything missing gets its language's 404.
const serve = (site) => serveFolder(site, {
  prefix: PREFIX,
  notFound: (path) => {
    const language = path.startsWith(PREFIX) ? path.slice(PREFIX.length).split('/')[0] : '';
    return language && existsSync(join(site, language, '404.html')) ? join(site, language, '404.html') : join(site, '404.html');
  },
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let checked = 0;
async function check(page, url, homeWanted, label) {
  const response = await page.goto(url, { waitUntil: 'load' });
  // The root finder answers once its probes do.
  await page.waitForFunction((wanted) => {
    const home = document.querySelector('.prose a');
    return home && home.href === wanted;
  }, homeWanted, { timeout: 5000 }).catch(() => {});
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  if (styled === 'rgba(0, 0, 0, 0)') fail(`${label}: not styled (the header has no background)`);
  const home = await page.evaluate(() => document.querySelector('.prose a').href);
  if (home !== homeWanted) fail(`${label}: Home leads to ${home}, not ${homeWanted}`);
  const links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[rel=icon]')]
    .map((a) => a.href).filter((h) => /^(http|file):/.test(h))
    // The skip link stays on the page.
    .filter((h) => h.split('#')[0] !== location.href.split('#')[0]));
  for (const link of new Set(links)) {
    if (link.startsWith('file:')) {
      const path = decodeURIComponent(new URL(link).pathname);
      if (!existsSync(path)) fail(`${label}: the link ${link} leads nowhere`);
    } else if (link.startsWith('http://127.0.0.1')) {
      const status = (await page.request.get(link)).status();
      if (status !== 200) fail(`${label}: the link ${link} answers ${status}`);
    }
  }
  checked++;
  return response && response.status();
}
try {
  for (const site of sites) {
    const server = await serve(site);
    const origin = server.origin;
    const page = await (await browser.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const languages = [''].concat(existsSync(join(site, 'es/404.html')) ? ['es/'] : []);
    for (const folder of languages) {
      const status = await check(page, `${origin}${PREFIX}${folder}exercises/old-name/more/`,
        `${origin}${PREFIX}${folder}index.html`, `${site} ${folder || 'default language'} at depth 3 under ${PREFIX}`);
      if (status !== 404) fail(`the test server answered ${status}, not 404`);
      await check(page, pathToFileURL(join(site, folder, '404.html')).href,
        pathToFileURL(join(site, folder, 'index.html')).href, `${site} ${folder || 'default language'} from file://`);
    }
    if (errors.length) fail(`script errors: ${errors.join('; ')}`);
    server.close();
  }
} finally { await browser.close(); }
if (!process.exitCode) console.log(`404: ${checked} pages (every language, at depth 3 under ${PREFIX} and from file://) styled, with links that load`);

// my-check.mjs — the patient's own page (issue 30) in headless Chromium.
// For each patient: the address their handout's QR code holds (decoded by
// zbarimg in .ci/run) is opened on the built site, from file:// and over
// HTTP (a small server of this script's own), with the clock fixed:
//   - every exercise of the patient's PDF is on the page with the dose
//     the PDF prints, word for word (pdftotext), "set for you" where the
//     PDF says so, and each phase's dates as the PDF prints them;
//   - today's phase is the right one on each date given;
//   - no request leaves the site's own files, no script error;
//   - this week's ticks survive a reload (localStorage), and the page in
//     another language shows the same program;
//   - the calendar file the page makes equals the one `handout program`
//     wrote beside the PDFs;
//   - tampered fragments show the plain message and nothing of them is
//     inserted as HTML;
//   - axe-core (WCAG 2.2 A/AA, best practice) finds no violation at 375
//     and 1280 px with the program shown.
// Usage: VERIFY_NODE_DIR=DIR node my-check.mjs SITE_DIR BASE_URL \
//          PDF ADDRESS ICS DATE=PHASE_NUMBER[,DATE=PHASE_NUMBER...] [PDF ADDRESS ICS DATES]...
// PHASE_NUMBER is the phase expected to be today's (1 the first), 0 for
// none (before the first day or after the last).
import { createRequire } from 'node:module';
import { resolve, join, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, statSync } from 'node:fs';
import http from 'node:http';
const req = createRequire(resolve(process.env.VERIFY_NODE_DIR || '.') + '/');
const { chromium } = req('playwright-core');
const axeMod = req('@axe-core/playwright');
const AxeBuilder = axeMod.AxeBuilder || axeMod.default;

const [siteArg, base, ...rest] = process.argv.slice(2);
if (!siteArg || !base || rest.length === 0 || rest.length % 4) {
  console.error('usage: my-check.mjs SITE_DIR BASE_URL PDF ADDRESS ICS DATES [...]');
  process.exit(2);
}
const site = resolve(siteArg);
const fail = (message) => { console.error(`my: ${message}`); process.exitCode = 1; };
const squash = (text) => text.replace(/\s+/g, ' ').trim();

// A static server of the site, on 127.0.0.1 and a free port.
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.js': 'text/javascript', '.xml': 'application/xml' };
const server = http.createServer((request, response) => {
  let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(site, path);
  if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
  response.end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const httpRoot = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

// Opens `url` in a fresh page with the clock at `date` (local noon),
// recording every request and script error.
async function open(context, url, date) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.clock.setFixedTime(new Date(`${date}T12:00:00`));
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, requests, errors };
}

try {
  for (let i = 0; i < rest.length; i += 4) {
    const [pdf, address, icsFile, datesArg] = rest.slice(i, i + 4);
    if (!address.startsWith(base)) { fail(`${address} is not under ${base}`); continue; }
    const [path, fragment] = address.slice(base.length).split('#');
    const pdfTextRaw = squash(execFileSync('pdftotext', [pdf, '-']).toString());
    const ics = readFileSync(icsFile, 'utf8');
    const dates = datesArg.split(',').map((d) => d.split('='));
    for (const [root, scheme, ownFiles] of [
      [pathToFileURL(site).href + '/', 'file', (u) => u.startsWith(pathToFileURL(site).href + '/')],
      [httpRoot, 'http', (u) => u.startsWith(httpRoot)],
    ]) {
      const url = `${root}${path}index.html#${fragment}`;
      const context = await browser.newContext();
      for (const [date, expected] of dates) {
        const { page, requests, errors } = await open(context, url, date);
        const where = `${pdf} (${scheme}, ${date})`;
        if (errors.length) fail(`${where}: script errors: ${errors.join('; ')}`);
        const outside = requests.filter((u) => !ownFiles(u) && !u.startsWith('data:'));
        if (outside.length) fail(`${where}: requests outside the site: ${outside.join(', ')}`);
        if (!(await page.locator('#my-program').isVisible())) { fail(`${where}: the program is not shown`); await page.close(); continue; }
        // Every exercise with its dose as the PDF prints it.
        // The PDF's dose box takes the label as its heading, without its
        // colon: "How much Hold 20 seconds. ...".
        const label = squash(await page.locator('.my-dose strong').first().innerText()).replace(/\s*:$/, '');
        const rows = await page.locator('.my-exercise').evaluateAll((items) => items.map((item) => ({
          title: item.querySelector('.my-exercise-title').textContent,
          dose: item.querySelector('.my-dose-text').textContent,
          set: item.querySelector('.my-set-for-you') ? item.querySelector('.my-set-for-you').textContent : null,
        })));
        // Normal print sets the label inline ("How much: Hold 20 seconds."),
        // large print as the box's heading ("How much Hold ..."): one form.
        const pdfText = pdfTextRaw.split(`${label}: `).join(`${label} `);
        const pdfDoses = pdfText.split(`${label} `).length - 1;
        if (rows.length !== pdfDoses) fail(`${where}: ${rows.length} exercises on the page, ${pdfDoses} doses in the PDF`);
        for (const row of rows) {
          if (!pdfText.includes(squash(row.title))) fail(`${where}: "${row.title}" is not in the PDF`);
          const printed = `${label} ${squash(row.dose)}`;
          if (!pdfText.includes(printed)) fail(`${where}: the page's "${printed}" is not the PDF's dose`);
          if (row.set && !pdfText.includes(`${printed} ${squash(row.set)}`)) fail(`${where}: "${row.title}" is marked set for you, the PDF does not say so there`);
          if (!row.set && pdfText.includes(`${printed} ${squash(await page.evaluate(() => JSON.parse(document.getElementById('my-data').textContent).messages['handout-set-for-you'][0]))}`)) {
            fail(`${where}: the PDF marks "${row.title}" as set for you, the page does not`);
          }
        }
        if (!rows.some((row) => row.set)) fail(`${where}: no dose is marked as set for the patient`);
        const phaseDates = await page.locator('.my-dates').allInnerTexts();
        for (const text of phaseDates) if (!pdfText.includes(squash(text))) fail(`${where}: "${squash(text)}" is not in the PDF`);
        // Today's phase.
        const headings = await page.locator('.my-phase h2').allInnerTexts();
        const now = await page.locator('.my-phase-now h2').allInnerTexts();
        const today = await page.locator('#my-today').innerText();
        if (expected === '0') {
          if (now.length) fail(`${where}: a phase is marked now: ${now}`);
        } else {
          const phase = headings[Number(expected) - 1];
          if (now.length !== 1 || now[0] !== phase) fail(`${where}: today's phase is ${now}, expected ${phase}`);
          const title = await page.locator('.my-phase-now h2 a').innerText();
          if (!today.includes(title)) fail(`${where}: "${today}" does not name ${title}`);
        }
        // The calendar file made here is the one written beside the PDFs.
        const href = await page.locator('#my-calendar-file').getAttribute('href');
        const made = decodeURIComponent(href.slice(href.indexOf(',') + 1));
        if (made !== ics) fail(`${where}: the page's calendar differs from ${icsFile}:\n${made}\n---\n${ics}`);
        await page.close();
      }
      // Ticks survive a reload, on this device.
      {
        const [date] = dates.find(([, n]) => n !== '0');
        const { page } = await open(context, url, date);
        const box = page.locator('.my-day[open] input[type=checkbox]').first();
        await box.check();
        await page.reload();
        if (!(await page.locator('.my-day[open] input[type=checkbox]').first().isChecked())) fail(`${pdf} (${scheme}): a tick is not kept`);
        // axe with the program shown, today's boxes open, at both widths.
        for (const width of [375, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          const axe = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
          for (const v of axe.violations) fail(`${pdf} (${scheme}, ${width} px): axe: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        // The page in another language shows the same program.
        const other = page.locator('.language-switcher a:not([aria-current])').first();
        if (await other.count()) {
          const count = await page.locator('.my-exercise').count();
          await other.click();
          await page.waitForLoadState('load');
          if (await page.locator('.my-exercise').count() !== count) fail(`${pdf} (${scheme}): another language's page lost the program`);
        }
        await page.close();
      }
      // Tampered fragments: the message, no script error, nothing of the
      // fragment as HTML.
      const flip = (text, at) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      const invalid = squash(await (await open(context, `${root}${path}index.html`, dates[0][0])).page
        .locator('#my-status').getAttribute('data-invalid'));
      for (const bad of [flip(fragment, 3), flip(fragment, fragment.length - 5), fragment.slice(0, -6), fragment + 'AAAA', '<img src=x onerror=alert(1)>', '%3Cb%3Ebold%3C/b%3E', 'A']) {
        const { page, errors } = await open(context, `${root}${path}index.html#${bad}`, dates[0][0]);
        const status = squash(await page.locator('#my-status').innerText());
        if (status !== invalid) fail(`${scheme}: #${bad} shows "${status}", not the message`);
        if (await page.locator('#my-program').isVisible()) fail(`${scheme}: #${bad} shows a program`);
        if (await page.locator('main img, main b').count()) fail(`${scheme}: #${bad} put HTML into the page`);
        if (errors.length) fail(`${scheme}: #${bad}: script errors: ${errors.join('; ')}`);
        await page.close();
      }
      await context.close();
    }
    if (!process.exitCode) console.log(`my: ${pdf}: every dose as printed, today's phase on ${dates.length} dates, calendar equal, ticks kept, tampered links refused, axe clean at 375 and 1280 px (file:// and HTTP)`);
  }
} finally {
  await browser.close();
  server.close();
}

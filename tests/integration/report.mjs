// Opens veil's review report in headless Chromium and checks it through the DOM:
// the highlighted changes, the summary, the entity table and keyboard navigation.
// Usage: node report.mjs REPORT.html AUDIT.jsonl SCREENSHOT.png
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [report, audit, screenshot] = process.argv.slice(2);
const records = readFileSync(audit, 'utf8').trim().split('\n').map(JSON.parse);
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const requests = [];
page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
await page.goto('file://' + report);

const marks = await page.$$eval('mark.change', (ms) => ms.map((m) => ({
  id: m.id, category: m.dataset.category, rule: m.dataset.rule, entity: m.dataset.entity,
  shown: m.querySelector('ins').textContent,
})));
if (marks.length !== records.length) fail(`${marks.length} highlighted changes, ${records.length} audit records`);
marks.forEach((m, i) => {
  const r = records[i];
  if (m.category !== r.category || m.rule !== r.rule || m.entity !== r.entity || m.shown !== r.replacement) {
    fail(`change ${i + 1} shows ${JSON.stringify(m)}, the audit log says ${JSON.stringify(r)}`);
  }
});

// The summary: one row per category with its count, as the audit log has them.
const summary = await page.$$eval('#summary tr[data-category]', (rows) =>
  Object.fromEntries(rows.map((r) => [r.dataset.category, Number(r.querySelector('td.n').textContent)])));
const expected = {};
for (const r of records) expected[r.category] = (expected[r.category] || 0) + 1;
if (JSON.stringify(summary, Object.keys(summary).sort()) !== JSON.stringify(expected, Object.keys(expected).sort())) {
  fail(`summary ${JSON.stringify(summary)} differs from the audit log ${JSON.stringify(expected)}`);
}
const entities = await page.$$eval('#entities tbody tr', (rows) => rows.length);
if (entities !== new Set(records.map((r) => r.entity)).size) fail(`${entities} rows in the entity table`);

// Keyboard navigation: n, n, p.
const focused = async () => page.evaluate(() => document.activeElement && document.activeElement.id);
await page.keyboard.press('n');
if ((await focused()) !== 'c1') fail('n does not focus the first change');
await page.keyboard.press('n');
if ((await focused()) !== 'c2') fail('n does not move to the second change');
await page.keyboard.press('p');
if ((await focused()) !== 'c1') fail('p does not move back');
const detail = await page.textContent('#detail');
if (!detail.includes(records[0].rule) || !detail.includes(records[0].entity)) fail(`the detail bar shows "${detail}"`);
if (requests.length) fail('network requests: ' + requests.join(', '));

await page.screenshot({ path: screenshot });
console.log(`ok: ${marks.length} changes highlighted and matching the audit log, summary of ${Object.keys(summary).length} categories, ${entities} entities, keyboard navigation works; screenshot ${screenshot}`);
await browser.close();

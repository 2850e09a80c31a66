// The portal as a visitor uses it, in headless Chromium: search, an entity's history, a period's
// results, and a draw verified in the browser — the views of the one portal page. Arguments come from PortalIT, which runs
// the service with a known dataset and draw-service's verifier behind /public/draw.
import { chromium } from 'playwright-core';

const [base, drawService, corrected, secret, drawId, period, district] = process.argv.slice(2);
const failures = [];
function check(condition, what) {
  console.log((condition ? 'ok   ' : 'FAIL ') + what);
  if (!condition) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // through the gateway /public/draw is draw-service: here its stand-in with the real verifier
  await page.route('**/public/draw/**', async route => {
    const url = new URL(route.request().url());
    route.fulfill({ response: await route.fetch({ url: drawService + url.pathname }) });
  });

  // search by name
  await page.goto(base + '/public/disclosure/');
  check(await page.title() === '结果查询 — 双随机、一公开 公示', 'the entry address leads to the search page');
  await page.fill('input[name=name]', '门户造纸');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-test=results] tr[data-result]');
  const rows = await page.locator('[data-test=results] tr[data-result]').count();
  check(rows === 1, 'the search finds the current version only (' + rows + ')');
  check((await page.locator('[data-test=wording]').first().textContent()) === '发现问题已责令整改', 'the result is worded from its conclusion');

  // the entity's history
  await page.click('[data-test=results] a');
  await page.waitForSelector('[data-test=results]');
  check(page.url().includes('view=entity&uscc=' + corrected), 'the name leads to the entity view');
  check(await page.locator('[data-test=results] tr[data-result]').count() === 2, 'the history shows both versions');
  check(await page.locator('[data-test=superseded]').count() === 1, 'the old version is marked superseded');
  check((await page.title()).includes('门户造纸'), 'the entity view is titled with its name');
  check(await page.locator('#search-view').isHidden(), 'the entity view hides the search form');

  // redaction
  await page.goto(base + '/public/disclosure/index.html?view=entity&uscc=' + secret);
  await page.waitForSelector('[data-test=withheld]');
  check((await page.textContent('[data-test=withheld]')).includes('涉及商业秘密'), 'withheld details are said to be withheld');
  check(!(await page.content()).includes('工艺配方'), 'the withheld description is not on the page');

  // a period's results
  await page.goto(base + '/public/disclosure/index.html?view=period&period=' + period + '&district=' + district);
  await page.waitForSelector('[data-test=summary]');
  const summary = await page.textContent('[data-test=summary]');
  check(summary.includes('共公示 2 条') && summary.includes('不予公开 1 条'), 'the period page counts published and withheld: ' + summary);

  // a draw verified in the browser
  await page.goto(base + '/public/disclosure/index.html?view=draw&id=' + encodeURIComponent(drawId));
  await page.waitForSelector('[data-test=commitment]');
  check((await page.textContent('[data-test=commitment]')).includes('a'.repeat(64)), 'the draw page shows the commitment');
  await page.click('[data-test=verify]');
  await page.waitForSelector('[data-test=verdict]');
  const verdict = await page.textContent('[data-test=verdict]');
  check(verdict.startsWith('验证通过'), 'the record verifies: ' + verdict);
  const outcomes = await page.locator('[data-check] [data-test=outcome]').allTextContents();
  check(outcomes.length >= 5 && outcomes.every(o => o === '通过' || o === '不适用'), 'each check is shown with its outcome: ' + outcomes.join(','));
  await page.screenshot({ path: new URL('./draw-page.png', import.meta.url).pathname, fullPage: true });
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.length + ' portal check(s) failed');
  process.exit(1);
}
console.log('portal: all checks passed');

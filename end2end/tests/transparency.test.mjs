// The public transparency page in a real browser, JavaScript off, on a
// phone and a desktop: reached from the footer, its charts drawn by the
// server and visible, the numbers in tables, the open data downloadable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, overflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const device of ['phone', 'desktop']) {
  test(`/transparansi shows its charts and tables without JavaScript (${device})`, async () => {
    const { page, context, errors } = await newPage(browser, { device, js: false });
    await page.goto(`${BASE}/`);
    await Promise.all([page.waitForEvent('load'), page.locator('.site-footer a[href="/transparansi"]').click()]);
    assert.match(page.url(), /\/transparansi$/);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Transparansi Peken');
    const charts = page.locator('svg.chart');
    assert.equal(await charts.count(), 4);
    for (let i = 0; i < 4; i++) {
      const box = await charts.nth(i).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 40, `chart ${i} is drawn (${JSON.stringify(box)})`);
      assert.ok((await charts.nth(i).locator('title').first().textContent()).length > 3, 'each chart has a title');
    }
    assert.ok(await page.locator('svg.chart rect').count() > 20, 'bars');
    // The month table's values add up to the headline total.
    const total = Number((await page.locator('.fig-headline dd').first().textContent()).replace(/\D/g, ''));
    const months = await page.locator('#tabel-bulanan tbody td:nth-child(3)').allTextContents();
    assert.ok(months.length >= 12);
    assert.equal(months.reduce((s, v) => s + Number(v.replace(/\D/g, '')), 0), total);
    assert.ok(await overflow(page) <= 0, 'fits the screen');
    const csv = await page.request.get(`${BASE}/transparansi/kecamatan.csv`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /text\/csv/);
    assert.match(await csv.text(), /^kecamatan,pesanan_selesai,nilai_rp\n/);
    const json = await (await page.request.get(`${BASE}/transparansi/data.json`)).json();
    assert.equal(json.lisensi, 'CC BY 4.0');
    assert.equal(json.angka.total.value, total);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

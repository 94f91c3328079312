import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, MATRIX, launch, newPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUPIAH = /^Rp\d{1,3}(\.\d{3})*$/;

for (const combo of MATRIX) {
  test(`home shows demo shops and products (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    const res = await page.goto(`${BASE}/`);
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    assert.match(await page.title(), /Peken/);
    const shops = page.locator('.shop-card');
    const products = page.locator('.product-card');
    assert.ok(await shops.count() >= 6, 'shops listed');
    assert.ok(await products.count() >= 12, 'products listed');
    const price = (await products.first().locator('.price').textContent()).trim();
    assert.match(price, RUPIAH);
    assert.match((await page.locator('.hero .as-of').textContent()).trim(), /^Data per \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}\.\d{2} WIB$/);
    const categories = await page.locator('#kategori .chip').allTextContents();
    assert.ok(categories.some((c) => c.includes('Sembako')));
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows the viewport by ${overflow}px`);
    // Phone gets the bottom navigation, desktop the header navigation.
    const bottomNav = await page.locator('.bottom-nav').isVisible();
    const topNav = await page.locator('.top-nav').isVisible();
    assert.equal(bottomNav, combo.device === 'phone');
    assert.equal(topNav, combo.device === 'desktop');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`a product and its shop open from the home page (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    const card = page.locator('.product-card').first();
    const name = (await card.locator('.name').textContent()).trim();
    await Promise.all([page.waitForURL(/\/produk\/\d+$/), card.locator('a').click()]);
    assert.equal((await page.locator('h1').textContent()).trim(), name);
    assert.match((await page.locator('.price-line .price').textContent()).trim(), RUPIAH);
    await Promise.all([page.waitForURL(/\/toko\/[a-z0-9-]+$/), page.locator('.shop-link').click()]);
    assert.ok(await page.locator('.product-card').count() >= 1, 'shop lists its products');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`unknown pages answer 404 in Indonesian (${combo.label})`, async () => {
    const { context, page } = await newPage(browser, combo);
    for (const path of ['/halaman-yang-tidak-ada', '/produk/999999999', '/toko/toko-yang-tidak-ada', '/produk/bukan-angka']) {
      const res = await page.goto(`${BASE}${path}`);
      assert.equal(res.status(), 404, path);
      assert.equal((await page.locator('h1').textContent()).trim(), 'Halaman tidak ditemukan');
    }
    await context.close();
  });

  test(`a category opens from home and pages through its products (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    const chip = page.locator('#kategori .chip a').first();
    const name = (await chip.textContent()).replace(/\d[\d.]*\s*$/, '').trim();
    await Promise.all([page.waitForURL(/\/kategori\/[a-z0-9-]+$/), chip.click()]);
    assert.equal((await page.locator('h1').textContent()).trim(), name);
    assert.equal((await page.locator('.breadcrumb [aria-current=page]').textContent()).trim(), name);
    assert.ok(await page.locator('.product-card').count() >= 1);
    const next = page.locator('.pager a[rel=next]');
    if (await next.count()) {
      await Promise.all([page.waitForURL(/halaman=2$/), next.click()]);
      assert.ok(await page.locator('.product-card').count() >= 1, 'page 2 has products');
      assert.match(await page.locator('.pager span').textContent(), /^Halaman 2 dari \d+$/);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows the viewport by ${overflow}px`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`choosing a kecamatan lists its shops (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    const form = page.locator('form.kecamatan-picker');
    const button = form.locator('button[type=submit]');
    if (combo.js) {
      // Hydrated: the island takes over and the button steps aside.
      await page.waitForSelector('form.kecamatan-picker[data-hydrated="true"]');
      assert.equal(await button.isVisible(), false);
      await Promise.all([
        page.waitForURL(/kecamatan=Tegalsari/),
        form.locator('select').selectOption('Tegalsari'),
      ]);
    } else {
      assert.equal(await button.isVisible(), true);
      await form.locator('select').selectOption('Tegalsari');
      assert.ok(!page.url().includes('kecamatan='), 'without JS nothing happens until the button');
      await Promise.all([page.waitForURL(/kecamatan=Tegalsari/), button.click()]);
    }
    assert.equal((await page.locator('#toko h2').textContent()).trim(), 'Toko di Kecamatan Tegalsari');
    const places = await page.locator('#toko .shop-card .where').allTextContents();
    assert.ok(places.length >= 1, 'Tegalsari has demo shops');
    for (const p of places) assert.match(p, /Kec\. Tegalsari/);
    assert.equal(await page.locator('form.kecamatan-picker select').inputValue(), 'Tegalsari');
    // Remembered: the next visit to the home page starts in Tegalsari.
    await page.goto(`${BASE}/`);
    assert.equal((await page.locator('#toko h2').textContent()).trim(), 'Toko di Kecamatan Tegalsari');
    // A two-word kecamatan (the form sends "Dukuh+Pakis").
    const picked = /kecamatan=Dukuh(\+|%20)Pakis/;
    if (combo.js) {
      // The reloaded page hydrates again before the island submits on change.
      await page.waitForSelector('form.kecamatan-picker[data-hydrated="true"]');
      await Promise.all([page.waitForURL(picked), form.locator('select').selectOption('Dukuh Pakis')]);
    } else {
      await form.locator('select').selectOption('Dukuh Pakis');
      await Promise.all([page.waitForURL(picked), button.click()]);
    }
    assert.equal((await page.locator('#toko h2').textContent()).trim(), 'Toko di Kecamatan Dukuh Pakis');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('health check reports the database', async () => {
  const res = await fetch(`${BASE}/healthz`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok\n');
});

test('hashed assets are cached for a year and compressed', async () => {
  const html = await (await fetch(`${BASE}/`)).text();
  const css = html.match(/href="(\/pkg\/peken\.[^"]+\.css)"/)?.[1];
  assert.ok(css, 'stylesheet has a hashed name');
  const res = await fetch(`${BASE}${css}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /max-age=31536000, immutable/);
  const page = await fetch(`${BASE}/`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(page.headers.get('content-encoding'), 'gzip');
});

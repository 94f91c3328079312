import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, MATRIX, launch, newPage, overflow, submit } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A page that opens another right after the first visit waits for the
// service worker to finish installing first: a navigation that starts while
// it activates sometimes arrives with a policy that blocks the page's own
// inline scripts (seen 3 times in 20 tries, never after waiting). Recorded
// as an open problem in the service worker.
async function swSettled(page, { js }) {
  if (js) await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

const rupiah = (text) => Number(text.replace(/[^\d]/g, ''));
const count = async (page) => Number((await page.locator('.search-page h1').textContent()).match(/^[\d.]+/)[0].replace(/\./g, ''));

for (const combo of MATRIX) {
  test(`search finds a demo product by part of a word, filters survive a reload (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    // The header's search box, on every page.
    await page.locator('.header-search input[name=q]').fill('kop');
    await submit(page, '.header-search button');
    assert.match(page.url(), /\/cari\?q=kop$/);
    assert.match((await page.locator('.search-page h1').textContent()).trim(), /^[\d.]+ produk untuk “kop”$/);
    const names = await page.locator('.product-card .name').allTextContents();
    assert.ok(names.length >= 1, 'results');
    // Name matches rank first: "kop" finds "Kopi …".
    assert.match(names[0], /kop/i);
    assert.ok(names.some((n) => /^Kopi Bubuk Kapal Api/.test(n)), `Kopi Bubuk Kapal Api among ${names.join(', ')}`);
    const all = await count(page);

    // Filters: in stock, at most Rp50.000, cheapest first.
    const filters = page.locator('details.filters');
    if ((await filters.getAttribute('open')) === null) await filters.locator('summary').click();
    await filters.locator('input[name=stok]').check();
    await filters.locator('input[name=harga_maks]').fill('50.000');
    await filters.locator('select[name=urut]').selectOption('termurah');
    await submit(page, 'details.filters button[type=submit]');
    const url = page.url();
    assert.match(url, /stok=1/);
    assert.match(url, /harga_maks=50\.000/);
    assert.match(url, /urut=termurah/);
    const narrowed = await count(page);
    assert.ok(narrowed >= 1 && narrowed <= all, `${narrowed} of ${all}`);
    const prices = (await page.locator('.product-card .price').allTextContents()).map(rupiah);
    assert.ok(prices.every((p) => p <= 50000), `all at most Rp50.000: ${prices}`);
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'cheapest first');
    assert.equal(await page.locator('.product-card .stock.out').count(), 0, 'nothing out of stock');
    const firstName = await page.locator('.product-card .name').first().textContent();

    // A reload keeps everything: the state is in the URL.
    await page.reload();
    assert.equal(page.url(), url);
    assert.equal(await count(page), narrowed);
    assert.equal(await page.locator('.product-card .name').first().textContent(), firstName);
    assert.equal(await page.locator('details.filters input[name=stok]').isChecked(), true);
    assert.equal(await page.locator('details.filters input[name=harga_maks]').inputValue(), '50.000');
    assert.equal(await page.locator('details.filters select[name=urut]').inputValue(), 'termurah');
    assert.equal(await page.locator('.search-form input[name=q]').inputValue(), 'kop');

    // Each active filter can be removed on its own.
    const chip = page.locator('.active-filters a', { hasText: 'Sampai Rp50.000' });
    await Promise.all([page.waitForURL((u) => !u.href.includes('harga_maks')), chip.click()]);
    assert.match(page.url(), /stok=1/);
    assert.ok(await count(page) >= narrowed);

    assert.ok(await overflow(page) <= 0, 'fits the screen');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`no results help, a typo is corrected, bad input is kept (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/cari?q=kopu`);
    assert.match(await page.locator('.alert.info').textContent(), /Tidak ada hasil untuk “kopu”\. Menampilkan hasil untuk “kopi”\./);
    assert.ok(await page.locator('.product-card').count() >= 1);
    await swSettled(page, combo);
    await page.goto(`${BASE}/cari?q=zzqqxx&harga_min=murah`);
    assert.equal((await page.locator('.empty-state .empty').textContent()).trim(), 'Tidak ada produk yang cocok dengan “zzqqxx”.');
    assert.match(await page.locator('.alert.warn').textContent(), /Harga terendah harus angka rupiah bulat/);
    assert.equal(await page.locator('details.filters input[name=harga_min]').inputValue(), 'murah');
    assert.ok(await page.locator('.empty-state .chip a[href^="/kategori/"]').count() >= 5, 'categories offered');
    assert.ok(await overflow(page) <= 0, 'fits the screen');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`a word in every product: counting stops at 1.000+, the last page says how to narrow (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    // Every demo product is sent from Surabaya.
    await page.goto(`${BASE}/cari?q=surabaya`);
    assert.equal((await page.locator('.search-page h1').textContent()).trim(), '1.000+ produk untuk “surabaya”');
    assert.equal(await page.locator('.product-card').count(), 24);
    assert.equal(await page.locator('.pager .note, .search-page > .note').count(), 0, 'no note on page 1');
    await swSettled(page, combo);
    // 1,000 counted: 42 pages of 24; the last says how to find the rest.
    await page.goto(`${BASE}/cari?q=surabaya&halaman=42`);
    assert.ok(await page.locator('.product-card').count() >= 1);
    assert.match(await page.locator('.search-page .note').textContent(), /Persempit pencarian/);
    assert.equal(await page.locator('.pager a[rel=next]').count(), 0);
    assert.ok(await overflow(page) <= 0, 'fits the screen');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`a shop page searches inside the shop (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/cari?q=kopi`);
    await Promise.all([page.waitForURL(/\/produk\/\d+$/), page.locator('.product-card a').first().click()]);
    await Promise.all([page.waitForURL(/\/toko\/[a-z0-9-]+$/), page.locator('.shop-link').click()]);
    const shopUrl = page.url();
    const total = await page.locator('.product-card').count();
    assert.ok(total >= 1);
    await page.locator('.shop-search input[name=q]').fill('kopi');
    await submit(page, '.shop-search button');
    assert.ok(page.url().startsWith(`${shopUrl}?q=kopi`), page.url());
    const names = await page.locator('.product-card .name').allTextContents();
    assert.ok(names.length >= 1 && names.length <= total);
    // Name matches rank first, and the product we came from is named "…kopi…".
    assert.match(names[0], /kopi/i);
    const shops = await page.locator('.product-card .shop').allTextContents();
    assert.equal(new Set(shops).size, 1, 'all from this shop');
    assert.ok(await overflow(page) <= 0, 'fits the screen');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`the language switches to English and back (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/cari?q=kopi`);
    await Promise.all([page.waitForURL(/\/cari\?q=kopi$/), page.locator('.languages a[hreflang=en]').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match((await page.locator('.search-page h1').textContent()).trim(), /^[\d.]+ products for “kopi”$/);
    assert.equal((await page.locator('.search-form .search-row button').textContent()).trim(), 'Search');
    await page.goto(`${BASE}/`);
    assert.equal((await page.locator('.hero h1').textContent()).trim(), 'Shop from your neighbours');
    await Promise.all([page.waitForURL(`${BASE}/`), page.locator('.languages a[hreflang=id]').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    assert.equal((await page.locator('.hero h1').textContent()).trim(), 'Belanja dari tetangga sendiri');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

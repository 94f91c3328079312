// The whole purchase in a real browser, phone and desktop, JavaScript on
// and off: two products from two shops → cart → checkout with cash on
// delivery → two shop orders; QRIS through the sandbox gateway's page →
// paid; cancel → the stock is back on the product page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, MATRIX, launch, newPage, newBuyer, submit, overflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Two products of two different shops with stock to spare. */
async function twoProducts(page) {
  const res = await page.request.get(`${BASE}/api/home`);
  const home = await res.json();
  const all = [...home.newest, ...home.popular].filter((p) => p.stock >= 5);
  const a = all[0];
  const b = all.find((p) => p.shop_slug !== a.shop_slug);
  assert.ok(a && b, 'the demo has products from two shops');
  return [a, b];
}

/** The stock the product page states. */
async function stockOnPage(page, id) {
  await page.goto(`${BASE}/produk/${id}`);
  const text = await page.locator('.product-page .stock').textContent();
  return Number(text.match(/\d+/)[0]);
}

async function addToCart(page, id, js) {
  await page.goto(`${BASE}/produk/${id}`);
  const before = page.url();
  if (js) {
    // Once the island is live, adding does not leave the page.
    await page.locator('#beli[data-hydrated=true]').waitFor();
    await page.locator('.add-to-cart button[type=submit]').click();
    await page.locator('.buy-box .alert.ok').waitFor();
    assert.equal(page.url(), before, 'no reload with JavaScript');
  } else {
    await submit(page, '.add-to-cart button[type=submit]');
    assert.match(page.url(), /ok=keranjang/);
    assert.match(page.url(), /#beli$/, 'the page comes back at the button');
  }
  const alert = page.locator('.buy-box .alert.ok');
  assert.match(await alert.textContent(), /Ditambahkan ke keranjang/);
  // The confirmation is on screen, not under the bottom navigation.
  const box = await alert.boundingBox();
  const vh = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y + box.height <= vh, `confirmation visible (y=${box?.y}, vh=${vh})`);
}

for (const combo of MATRIX) {
  test(`two shops, cash on delivery (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await newBuyer(page);
    const [a, b] = await twoProducts(page);
    await addToCart(page, a.id, combo.js);
    await addToCart(page, b.id, combo.js);
    assert.equal((await page.locator('.site-header .cart-count, .bottom-nav .cart-count').first().textContent()).trim(), '2');

    await page.goto(`${BASE}/keranjang`);
    assert.equal(await page.locator('.cart-shop').count(), 2, 'grouped by shop');
    assert.ok(await overflow(page) <= 0, 'the cart fits the screen');
    await submit(page, 'a.btn.primary[href="/checkout"]');
    assert.match(page.url(), /\/checkout$/);
    await page.locator('#bayar-cod').check();
    assert.ok(await overflow(page) <= 0, 'checkout fits the screen');
    await submit(page, '.checkout-page form button[type=submit]');
    assert.match(page.url(), /\/checkout\/ringkasan\?/);
    assert.equal(await page.locator('.review-shop').count(), 2);
    assert.match(await page.locator('.grand-total').textContent(), /Rp/);
    assert.ok(await overflow(page) <= 0, 'the review fits the screen');
    await submit(page, '.place-order button[type=submit]');
    assert.match(page.url(), /\/pesanan\/PKN-\d{6}-\d{5}\?ok=baru$/);
    assert.equal(await page.locator('.shop-order').count(), 2, 'one order per shop');
    assert.match(await page.locator('.alert.ok').first().textContent(), /Pesanan dibuat/);
    assert.ok(await overflow(page) <= 0, 'the order page fits the screen');

    await page.goto(`${BASE}/pesanan`);
    assert.equal(await page.locator('.order-row').count(), 2);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const combo of MATRIX.filter((c) => c.device === 'phone')) {
  test(`QRIS through the sandbox, then cancel (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await newBuyer(page);
    const [a] = await twoProducts(page);
    const stock = await stockOnPage(page, a.id);
    await addToCart(page, a.id, combo.js);
    assert.equal(await stockOnPage(page, a.id), stock, 'a cart holds no stock');
    await page.goto(`${BASE}/checkout`);
    await page.locator('#bayar-qris').check();
    await submit(page, '.checkout-page form button[type=submit]');
    await submit(page, '.place-order button[type=submit]');
    assert.match(page.url(), /\/sandbox\/bayar\/SBX-[0-9a-f]{32}$/, 'on to the gateway');
    assert.equal(await page.locator('.qr svg').count(), 1, 'a QR code to scan');
    assert.ok(await overflow(page) <= 0, 'the payment page fits the phone');
    await submit(page, 'button[value=bayar]');
    assert.match(page.url(), /\/pesanan\/PKN-\d{6}-\d{5}\?ok=bayar$/);
    assert.match(await page.locator('.alert.ok').first().textContent(), /Pembayaran diterima/);
    assert.match(await page.locator('.facts').textContent(), /lunas/);
    const orderUrl = page.url().split('?')[0];
    assert.equal(await stockOnPage(page, a.id), stock - 1, 'the order holds one');

    await page.goto(orderUrl);
    await submit(page, '.order-actions form[action$="/batal"] button');
    assert.match(page.url(), /\?ok=batal$/);
    assert.match(await page.locator('.shop-order .status').first().textContent(), /Dibatalkan/);
    assert.match(await page.locator('.shop-order').textContent(), /akan dikembalikan/, 'a refund is owed');
    assert.equal(await stockOnPage(page, a.id), stock, 'the stock is back');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

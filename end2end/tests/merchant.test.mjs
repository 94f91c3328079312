// The merchant's side in a real browser on a phone: register as a
// seller, apply for a shop, have the city verify it (the CLI), add a
// product with a photo; a buyer orders it; the inbox shows the order
// without a reload (JavaScript on) or on the next load (off); accept,
// send, deliver; the sales page shows the revenue and the ledger line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, MATRIX, PASSWORD, launch, newPage, newShop, freshPhone, submit, overflow, verify } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/** A small real JPEG (the server re-encodes it), made by the browser. */
async function photoBytes(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 800; c.height = 600;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 800, 600);
    grad.addColorStop(0, '#c0392b'); grad.addColorStop(1, '#f1c40f');
    g.fillStyle = grad; g.fillRect(0, 0, 800, 600);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}


for (const combo of MATRIX.filter((c) => c.device === 'phone')) {
  test(`a merchant's day: shop, product, photo, live order, delivery, money (${combo.label})`, async () => {
    const seller = await newPage(browser, combo);
    const page = seller.page;
    const slug = await newShop(page, `Sambal Bu Sri ${Date.now() % 100000}`);
    verify(slug);
    await page.goto(`${BASE}/toko-saya`);
    assert.match(await page.locator('.shop-status').textContent(), /Terverifikasi/);

    // A product, then its photo.
    await page.goto(`${BASE}/toko-saya/produk/baru`);
    await page.fill('#f-name', 'Sambal Bawang Bu Sri');
    await page.selectOption('#f-category', 'sembako');
    await page.fill('#f-price', '-5');
    await page.fill('#f-stock', '12');
    await page.selectOption('#f-unit', 'botol');
    await submit(page, 'form.form button.primary');
    assert.match(await page.locator('#f-price-err').textContent(), /Harga harus/);
    await page.fill('#f-price', '25.000');
    await submit(page, 'form.form button.primary');
    assert.match(page.url(), /\/toko-saya\/produk\/\d+\?ok=disimpan$/);
    const productId = Number(page.url().match(/produk\/(\d+)/)[1]);
    await page.setInputFiles('#f-foto', { name: 'sambal.jpg', mimeType: 'image/jpeg', buffer: await photoBytes(page) });
    await submit(page, '.photo-upload button[type=submit]');
    assert.match(page.url(), /ok=foto/);
    assert.equal(await page.locator('.photo-list img').count(), 1);
    assert.ok(await overflow(page) <= 0, 'the product page fits the phone');

    // The list: one-tap stock change.
    await page.goto(`${BASE}/toko-saya/produk`);
    await page.fill(`#stok-${productId}`, '20');
    await submit(page, `#p${productId} .quick button`);
    assert.match(page.url(), /ok=diubah/);
    assert.equal(await page.inputValue(`#stok-${productId}`), '20');

    // The inbox, open before the order arrives.
    await page.goto(`${BASE}/toko-saya/pesanan`);
    assert.ok(await overflow(page) <= 0, 'the inbox fits the phone');
    if (combo.js) await page.locator('.live-status:not([hidden])').waitFor({ timeout: 10_000 });
    const before = await page.locator('.inbox-card').count();

    // A buyer orders it (cash on delivery, picked up).
    const buyer = await newPage(browser, { device: 'phone', js: false });
    const b = buyer.page;
    await b.goto(`${BASE}/daftar`);
    await b.fill('#f-nama', 'Wulan Pembeli');
    await b.fill('#f-hp', freshPhone());
    await b.fill('#f-sandi', PASSWORD);
    await b.fill('#f-sandi2', PASSWORD);
    await submit(b, 'form.form button[type=submit]');
    await b.goto(`${BASE}/akun/alamat/baru`);
    await b.fill('#f-label', 'Rumah');
    await b.fill('#f-recipient', 'Wulan Pembeli');
    await b.fill('#f-phone', '081234567891');
    await b.selectOption('#f-kecamatan', 'Gubeng');
    await b.fill('#f-kelurahan', 'Airlangga');
    await b.fill('#f-street', 'Jl. Dharmawangsa 10');
    await submit(b, 'form.form button[type=submit]');
    await b.goto(`${BASE}/produk/${productId}`);
    assert.equal(await b.locator('.product-page .photo img[srcset]').count(), 1, 'the photo, in sizes');
    await b.fill('#f-jumlah', '2');
    await submit(b, '.add-to-cart button[type=submit]');
    await b.goto(`${BASE}/checkout`);
    await b.locator('#bayar-cod').check();
    await submit(b, '.checkout-page form button[type=submit]');
    await submit(b, '.place-order button[type=submit]');
    assert.match(b.url(), /\/pesanan\/PKN-\d{6}-\d{5}\?ok=baru$/);
    const code = b.url().match(/PKN-\d{6}-\d{5}/)[0];

    if (combo.js) {
      // Arrives by itself: no reload.
      const url = page.url();
      await page.locator(`#o-${code}-1`).waitFor({ timeout: 5_000 });
      assert.equal(page.url(), url, 'no navigation');
    } else {
      await page.reload();
    }
    assert.equal(await page.locator('.inbox-card').count(), before + 1);
    assert.match(await page.locator('#perlu-tindakan').textContent(), /Perlu tindakan: 1/);
    const card = `#o-${code}-1`;
    await submit(page, `${card} form.step button`);
    assert.match(page.url(), /ok=terima/);
    // Sent with the shop's courier: name and phone.
    await page.fill(`${card} input[name=kurir]`, 'Pak Slamet');
    await page.fill(`${card} input[name=hp]`, '081298765432');
    await submit(page, `${card} form.step button`);
    assert.match(page.url(), /ok=kirim/);
    assert.match(await page.locator(`${card} .courier`).textContent(), /Pak Slamet/);
    await submit(page, `${card} form.step button`);
    assert.match(page.url(), /ok=selesai/);
    assert.match(await page.locator(`${card} .status`).textContent(), /Selesai/);
    // Two bottles of Rp25.000 and the shop's own delivery fee.
    const total = (await page.locator(`${card} .order-total strong`).textContent()).trim();
    assert.match(total, /^Rp\d{2}\.\d{3}$/);
    assert.ok(Number(total.replace(/\D/g, '')) >= 50000);

    // The packing slip prints what the buyer ordered.
    await page.goto(`${BASE}/toko-saya/pesanan/${code}-1/slip`);
    assert.match(await page.locator('.packing-slip').textContent(), /Sambal Bawang Bu Sri/);

    // Sales: today's revenue, the best seller, the cash sale in the ledger.
    await page.goto(`${BASE}/toko-saya`);
    assert.ok((await page.locator('.stat').first().textContent()).includes(total), 'today\'s revenue is the order');
    assert.match(await page.locator('.best-sellers').textContent(), /Sambal Bawang Bu Sri/);
    assert.match(await page.locator('.ledger').textContent(), /Penjualan tunai/);
    assert.ok(await overflow(page) <= 0, 'the sales page fits the phone');
    assert.deepEqual(seller.errors, []);
    assert.deepEqual(buyer.errors, []);
    await buyer.context.close();
    await seller.context.close();
  });
}

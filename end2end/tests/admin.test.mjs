// The city's side in a real browser: a seller files a shop with a product;
// the city officer finds it in the queue, sends it back for a fix (the
// seller reads why and files again), then approves it; the shop and its
// product are in the public catalog at once. Desktop with JavaScript, and
// a phone without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, newShop, submit, overflow, OFFICER, DEMO_PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


async function signInOfficer(page) {
  await page.goto(`${BASE}/admin/toko`);
  assert.match(page.url(), /\/masuk\?lanjut=\/admin\/toko$/, 'the queue asks for sign-in');
  await page.fill('#f-id', OFFICER);
  await page.fill('#f-sandi', DEMO_PASSWORD);
  await submit(page, 'form.form button[type=submit]');
  assert.match(page.url(), /\/admin\/toko$/);
}

/** Opens the shop named `name` from the list `daftar` of the queue. */
async function openFromQueue(page, name, daftar) {
  await page.goto(`${BASE}/admin/toko${daftar ? `?daftar=${daftar}` : ''}`);
  const card = page.locator('.review-card', { hasText: name });
  assert.equal(await card.count(), 1, `${name} is in the list ${daftar ?? 'menunggu'}`);
  assert.match(await card.textContent(), /Lama menunggu: /);
  await submit(page, `.review-card:has-text("${name}") a.btn`);
  assert.equal((await page.locator('h1').textContent()).trim(), name);
}

for (const combo of [
  { device: 'desktop', js: true, label: 'desktop, JS on' },
  { device: 'phone', js: false, label: 'phone, JS off' },
]) {
  test(`the city verifies a new shop and it sells at once (${combo.label})`, async () => {
    const seller = await newPage(browser, combo);
    const s = seller.page;
    const name = `Keripik Bu Tini ${Date.now() % 100000}`;
    const slug = await newShop(s, name);
    const product = `Keripik Tempe Tini ${Date.now() % 100000}`;
    await s.goto(`${BASE}/toko-saya/produk/baru`);
    await s.fill('#f-name', product);
    await s.selectOption('#f-category', 'sembako');
    await s.fill('#f-price', '15.000');
    await s.fill('#f-stock', '30');
    await s.selectOption('#f-unit', 'bungkus');
    await submit(s, 'form.form button.primary');
    assert.match(s.url(), /ok=disimpan$/);
    const anon = await newPage(browser, combo);
    assert.equal((await anon.page.goto(`${BASE}/toko/${slug}`)).status(), 404, 'pending: not public');

    const officer = await newPage(browser, combo);
    const o = officer.page;
    await signInOfficer(o);
    assert.ok(await overflow(o) <= 0, 'the queue fits the screen');
    await openFromQueue(o, name, null);
    assert.match(await o.locator('.review-page').textContent(), /3578015208850002/, 'the NIK, to check against the KTP');
    assert.ok(await overflow(o) <= 0, 'the shop fits the screen');

    // Sent back for a fix, with the reason the seller reads.
    const reason = 'Foto toko belum ada; unggah foto tampak depan.';
    await o.fill('#alasan-perbaiki', reason);
    await submit(o, 'form[data-decision=perbaiki] button[type=submit]');
    assert.match(o.url(), /\/admin\/toko\?ok=perbaiki$/);
    assert.match(await o.locator('.alert.ok').textContent(), /Keputusan tersimpan: Minta perbaikan/);
    assert.equal(await o.locator('.review-card', { hasText: name }).count(), 0, 'left the waiting list');

    await s.goto(`${BASE}/toko-saya`);
    assert.match(await s.locator('.shop-status').textContent(), /Perlu perbaikan/);
    assert.match(await s.locator('.alert.warn').textContent(), new RegExp(reason.replace(/[.;]/g, '.')));
    assert.match(await s.locator('.history-list').textContent(), /Diminta perbaikan/);
    // Fixed and filed again: back in the queue.
    await s.goto(`${BASE}/toko-saya/daftar`);
    await s.fill('#f-description', 'Keripik tempe renyah buatan rumah, digoreng setiap pagi.');
    await submit(s, 'form.form button.primary');
    assert.match(s.url(), /\/toko-saya\?ok=diajukan$/);

    // A decision made on the page as it was before the filing is refused.
    await openFromQueue(o, name, null);
    const stale = o.locator('form[data-decision=setujui] input[name=dilihat]');
    const seen = Number(await stale.inputValue());
    await stale.evaluate((el, v) => { el.value = String(v); }, seen - 1);
    await submit(o, 'form[data-decision=setujui] button[type=submit]');
    assert.match(await o.locator('#form-alert').textContent(), /sudah berubah sejak Anda membukanya/);

    // Approved on the fresh page: the shop and its product are public at once.
    await openFromQueue(o, name, null);
    const review = o.url();
    await submit(o, 'form[data-decision=setujui] button[type=submit]');
    assert.match(o.url(), /\/admin\/toko\?ok=setujui$/);
    await o.goto(review);
    assert.match(await o.locator('.lead').textContent(), /Terverifikasi/);
    assert.equal(await o.locator('form[data-decision=bekukan]').count(), 1, 'now it can only be suspended');
    const history = await o.locator('.history-list').textContent();
    assert.match(history, /Disetujui · .* oleh Petugas Dinkopdag/);
    assert.match(history, /Diminta perbaikan/);

    const res = await anon.page.goto(`${BASE}/toko/${slug}`);
    assert.equal(res.status(), 200);
    assert.match(await anon.page.locator('main').textContent(), new RegExp(product));
    await anon.page.goto(`${BASE}/cari?q=${encodeURIComponent(product)}`);
    assert.ok(await anon.page.locator('.product-card', { hasText: product }).count() >= 1, 'found by search');

    await s.goto(`${BASE}/toko-saya`);
    assert.match(await s.locator('.shop-status').textContent(), /Terverifikasi/);
    for (const p of [seller, anon, officer]) {
      assert.deepEqual(p.errors, []);
      await p.context.close();
    }
  });
}

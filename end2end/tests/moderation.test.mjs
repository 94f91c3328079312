// Moderation in a real browser: the officer takes a new product down from
// its page with a reason; it leaves the catalog; the seller reads why,
// cannot put it back on sale, fixes it and resubmits; the officer lists it
// again from /admin/produk and it sells. A banned word added by the
// officer is refused on the seller's next save. Desktop with JavaScript,
// and a phone without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, newShop, submit, overflow, verify, OFFICER, DEMO_PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });



for (const combo of [
  { device: 'desktop', js: true, label: 'desktop, JS on' },
  { device: 'phone', js: false, label: 'phone, JS off' },
]) {
  test(`a product is taken down, fixed, resubmitted and listed again (${combo.label})`, async () => {
    const seller = await newPage(browser, combo);
    const s = seller.page;
    const stamp = `${combo.device}${Date.now() % 100000}`;
    const slug = await newShop(s, `Warung Moderasi ${stamp}`);
    verify(slug);
    const product = `Jamu Sehat ${stamp}`;
    await s.goto(`${BASE}/toko-saya/produk/baru`);
    await s.fill('#f-name', product);
    await s.selectOption('#f-category', 'sembako');
    await s.fill('#f-price', '15.000');
    await s.fill('#f-stock', '10');
    await s.selectOption('#f-unit', 'botol');
    await s.fill('#f-description', 'Menyembuhkan segala penyakit dalam sehari.');
    await submit(s, 'form.form button.primary');
    const id = Number(s.url().match(/produk\/(\d+)/)[1]);

    // The officer opens the product and takes it down with a reason.
    const officer = await newPage(browser, combo);
    const o = officer.page;
    await o.goto(`${BASE}/admin/produk`);
    await o.fill('#f-id', OFFICER);
    await o.fill('#f-sandi', DEMO_PASSWORD);
    await submit(o, 'form.form button[type=submit]');
    assert.match(o.url(), /\/admin\/produk$/);
    await o.goto(`${BASE}/produk/${id}`);
    await o.locator('.takedown-box summary').click();
    await o.fill('.takedown-box #alasan', 'Klaim kesehatan berlebihan; hapus klaim itu.');
    await submit(o, '.takedown-box button[type=submit]');
    assert.match(o.url(), /\/admin\/produk\?ok=turun$/);
    assert.match(await o.locator('#diturunkan ~ .table-wrap').textContent(), new RegExp(product));
    assert.equal((await o.goto(`${BASE}/produk/${id}`)).status(), 404, 'off the catalog');

    // The seller reads why and cannot simply put it back on sale.
    await s.goto(`${BASE}/toko-saya/produk/${id}`);
    assert.match(await s.locator('#diturunkan').textContent(), /Klaim kesehatan berlebihan/);
    assert.ok(await overflow(s) <= 0, 'the product page fits the screen');
    await s.goto(`${BASE}/toko-saya/produk`);
    assert.match(await s.locator(`#p${id}`).textContent(), /Diturunkan Pemkot/);
    // Fixed, saved, resubmitted.
    await s.goto(`${BASE}/toko-saya/produk/${id}`);
    await s.fill('#f-description', 'Minuman jamu tradisional kunyit asam.');
    await submit(s, 'form.form button.primary');
    await submit(s, '#diturunkan button[type=submit]');
    assert.match(s.url(), /ok=ajukan-ulang$/);
    assert.match(await s.locator('#diturunkan').textContent(), /menunggu tinjauan/);

    // The officer lists it again; it sells.
    await o.goto(`${BASE}/admin/produk`);
    const card = o.locator(`#p${id}`);
    assert.equal(await card.count(), 1, 'waiting for review');
    assert.ok(await overflow(o) <= 0, 'moderation fits the screen');
    await submit(o, `#p${id} form:has(input[value=tampilkan]) button`);
    assert.match(o.url(), /\/admin\/produk\?ok=tampil$/);
    assert.equal((await s.goto(`${BASE}/produk/${id}`)).status(), 200, 'back in the catalog');

    // A banned word: the officer adds it; the seller's next save is refused.
    const word = `klaimpalsu${stamp}`;
    await o.goto(`${BASE}/admin/produk`);
    await o.fill('#f-kata', word);
    await submit(o, 'form:has(input[value=tambah]) button[type=submit]');
    assert.match(o.url(), /ok=kata/);
    assert.match(await o.locator('.banned-words').textContent(), new RegExp(word));
    await s.goto(`${BASE}/toko-saya/produk/${id}`);
    await s.fill('#f-name', `${product} ${word}`);
    await submit(s, 'form.form button.primary');
    assert.match(await s.locator('.field.invalid .field-error').first().textContent(), /tidak diizinkan/);
    assert.equal(await s.inputValue('#f-name'), `${product} ${word}`, 'what was typed is kept');
    // Removed again, so other runs start clean.
    await o.goto(`${BASE}/admin/produk`);
    await submit(o, `.banned-words li:has-text("${word}") button`);
    assert.match(o.url(), /ok=hapus/);

    for (const p of [seller, officer]) {
      assert.deepEqual(p.errors, []);
      await p.context.close();
    }
  });
}

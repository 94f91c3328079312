// The complaint desk in a real browser: a buyer receives an order and
// complains on the order's page; the shop answers in the thread; the city
// officer finds it at the desk and settles it with a refund; the shop's
// ledger gives the sale back and the buyer's order shows the refund and
// the decision. Desktop with JavaScript, and a phone without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, newShop, newBuyer, submit, overflow, verify, OFFICER, DEMO_PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });



for (const combo of [
  { device: 'desktop', js: true, label: 'desktop, JS on' },
  { device: 'phone', js: false, label: 'phone, JS off' },
]) {
  test(`a complaint is answered and refunded (${combo.label})`, async () => {
    // A verified shop with one product.
    const seller = await newPage(browser, combo);
    const s = seller.page;
    const stamp = Date.now() % 100000;
    const slug = await newShop(s, `Kue Bu Ani ${stamp}`);
    verify(slug);
    const product = `Kue Lapis Ani ${stamp}`;
    await s.goto(`${BASE}/toko-saya/produk/baru`);
    await s.fill('#f-name', product);
    await s.selectOption('#f-category', 'sembako');
    await s.fill('#f-price', '30.000');
    await s.fill('#f-stock', '10');
    await s.selectOption('#f-unit', 'bungkus');
    await submit(s, 'form.form button.primary');
    const productId = Number(s.url().match(/produk\/(\d+)/)[1]);

    // A buyer orders it, cash on delivery; the shop delivers it.
    const buyer = await newPage(browser, combo);
    const b = buyer.page;
    await newBuyer(b);
    await b.goto(`${BASE}/produk/${productId}`);
    if (combo.js) {
      await b.locator('#beli[data-hydrated=true]').waitFor();
      await b.locator('.add-to-cart button[type=submit]').click();
      await b.locator('.buy-box .alert.ok').waitFor();
    } else {
      await submit(b, '.add-to-cart button[type=submit]');
    }
    await b.goto(`${BASE}/checkout`);
    await b.locator('#bayar-cod').check();
    await submit(b, '.checkout-page form button[type=submit]');
    await submit(b, '.place-order button[type=submit]');
    const code = b.url().match(/PKN-\d{6}-\d{5}/)[0];
    const card = `#o-${code}-1`;
    await s.goto(`${BASE}/toko-saya/pesanan`);
    await submit(s, `${card} form.step button`);
    const courier = s.locator(`${card} input[name=kurir]`);
    if (await courier.count()) {
      await courier.fill('Pak Slamet');
      await s.fill(`${card} input[name=hp]`, '081298765432');
    }
    await submit(s, `${card} form.step button`);
    await submit(s, `${card} form.step button`);
    assert.match(await s.locator(`${card} .status`).textContent(), /Selesai/);

    // The buyer complains on the order's page.
    await b.goto(`${BASE}/pesanan/${code}`);
    await b.fill('.complain-form textarea', 'Kue lapis datang penyok dan basi.');
    await submit(b, '.complain-form button[type=submit]');
    assert.match(b.url(), /ok=komplain$/);
    const box = b.locator('.complaint-box');
    assert.match(await box.locator('h3').first().textContent(), /Keluhan: Menunggu Pemkot/);
    assert.match(await box.locator('.thread').textContent(), /penyok dan basi/);
    // A reply too short is refused with the field's message; then sent.
    await b.fill('.complaint-box .reply-form textarea', 'x');
    await b.locator('.complaint-box .reply-form textarea').evaluate((el) => el.removeAttribute('minlength'));
    await submit(b, '.complaint-box .reply-form button[type=submit]');
    assert.match(await b.locator('.complaint-box .field-error').textContent(), /Terlalu pendek/);
    await b.fill('.complaint-box .reply-form textarea', 'Foto kue sudah saya simpan.');
    await submit(b, '.complaint-box .reply-form button[type=submit]');
    assert.match(b.url(), new RegExp(`/pesanan/${code}\\?ok=balas`));
    assert.match(await b.locator('.complaint-box .thread').textContent(), /Foto kue sudah saya simpan/);
    assert.ok(await overflow(b) <= 0, 'the order page fits the screen');

    // The shop reads it from its inbox and answers.
    await s.goto(`${BASE}/toko-saya/pesanan`);
    await submit(s, `${card} a[href^="/keluhan/"]`);
    assert.match(await s.locator('.thread').textContent(), /penyok dan basi/);
    await s.fill('.reply-form textarea', 'Mohon maaf, kami siap mengganti atau mengembalikan dana.');
    await submit(s, '.reply-form button[type=submit]');
    assert.match(s.url(), /\/keluhan\/\d+\?ok=balas/);
    const complaintId = s.url().match(/keluhan\/(\d+)/)[1];

    // The city's desk: the complaint is listed with its deadline.
    const officer = await newPage(browser, combo);
    const o = officer.page;
    await o.goto(`${BASE}/admin/keluhan`);
    assert.match(o.url(), /\/masuk\?lanjut=\/admin\/keluhan$/);
    await o.fill('#f-id', OFFICER);
    await o.fill('#f-sandi', DEMO_PASSWORD);
    await submit(o, 'form.form button[type=submit]');
    assert.match(o.url(), /\/admin\/keluhan$/);
    assert.ok(await overflow(o) <= 0, 'the desk fits the screen');
    const row = o.locator('.complaint-card', { hasText: `${code}-1` });
    assert.equal(await row.count(), 1, 'the complaint is at the desk');
    assert.match(await row.textContent(), /Batas waktu: .*\(sisa /);
    // Overdue ones (the demo's older complaints) come first.
    const first = await o.locator('.complaint-card').first().getAttribute('class');
    assert.match(first, /overdue/);
    await submit(o, `.complaint-card:has-text("${code}-1") a.btn`);
    assert.match(o.url(), new RegExp(`/admin/keluhan/${complaintId}$`));
    const thread = await o.locator('.thread').textContent();
    assert.match(thread, /Pembeli \(Wulan Pembeli\)/, 'the city sees who wrote');
    assert.match(thread, /Toko \(Sri Wahyuni\)/);
    assert.ok(await overflow(o) <= 0, 'the complaint fits the screen');
    // Settled with a refund and a reason.
    await o.fill('#alasan-refund', 'Kue rusak saat diterima; dana dikembalikan penuh.');
    await submit(o, 'form[data-outcome=refund] button[type=submit]');
    assert.match(o.url(), /\/admin\/keluhan\?ok=refund$/);
    assert.match(await o.locator('.alert.ok').textContent(), /Keluhan diselesaikan: Dana dikembalikan/);
    assert.equal(await o.locator('.complaint-card', { hasText: `${code}-1` }).count(), 0, 'left the open list');
    await o.goto(`${BASE}/admin/keluhan?daftar=selesai`);
    assert.equal(await o.locator('.complaint-card', { hasText: `${code}-1` }).count(), 1, 'in the settled list');

    // The shop's ledger gives the sale back.
    await s.goto(`${BASE}/toko-saya`);
    const ledger = await s.locator('.ledger').textContent();
    assert.match(ledger, /Pengembalian dana/);
    // Cash on delivery: the shop holds the cash, so both lines are in brackets.
    assert.match(ledger, /\(-Rp\d{2}\.\d{3}\)/);

    // The buyer's order: cancelled, the refund owed, the decision and why.
    await b.goto(`${BASE}/pesanan/${code}`);
    assert.match(await b.locator('.shop-order .status').first().textContent(), /Dibatalkan/);
    assert.match(await b.locator('.shop-order .alert.warn').textContent(), /Dana Rp\d{2}\.\d{3} akan dikembalikan/);
    assert.match(await b.locator('.complaint-box h3').first().textContent(), /Keluhan: Selesai/);
    const decision = await b.locator('.complaint-box .decision').textContent();
    assert.match(decision, /Keputusan Pemkot: Dana dikembalikan/);
    assert.match(decision, /dana dikembalikan penuh/);
    assert.equal(await b.locator('.complaint-box .reply-form').count(), 0, 'closed: no more replies');
    assert.match(await b.locator('.complaint-box').textContent(), /Keluhan ini sudah ditutup/);
    assert.doesNotMatch(await b.locator('.complaint-box .thread').textContent(), /Sri Wahyuni/, 'names are for the city');
    assert.ok(await overflow(b) <= 0, 'the order page fits the screen');

    // A complaint about the service itself, from the buyer's list.
    await b.goto(`${BASE}/keluhan`);
    assert.equal(await b.locator('.inbox-card', { hasText: `${code}-1` }).count(), 1, 'the order complaint is listed');
    await b.fill('#alasan', 'Halaman checkout lambat di jaringan seluler.');
    await submit(b, '.complaints-page form button[type=submit]');
    assert.match(b.url(), /\/keluhan\/\d+\?ok=baru$/);
    assert.match(await b.locator('.thread').textContent(), /checkout lambat/);

    for (const p of [seller, buyer, officer]) {
      assert.deepEqual(p.errors, []);
      await p.context.close();
    }
  });
}

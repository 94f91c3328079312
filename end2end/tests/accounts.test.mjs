// Accounts in a real browser on a 360-px phone, with JavaScript on and off:
// registration (umum and ASN), sign-in and sign-out, a wrong password, and a
// protected page that sends you to sign in and brings you back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, freshPhone, freshNip, submit, overflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = 'semanggi-suroboyo-2026';
const PHONE_COMBOS = [true, false].map((js) => ({ device: 'phone', js, label: `phone, JS ${js ? 'on' : 'off'}` }));

async function registerUmum(page, name, phone) {
  await page.goto(`${BASE}/daftar`);
  assert.equal((await page.locator('.tab[aria-current=page]').textContent()).trim(), 'Masyarakat umum');
  await page.fill('#f-nama', name);
  await page.fill('#f-hp', phone);
  await page.fill('#f-sandi', PASSWORD);
  await page.fill('#f-sandi2', PASSWORD);
  await submit(page, 'form.form button[type=submit]');
}

async function signOut(page) {
  await submit(page, 'form[action="/keluar"] button');
  assert.match(page.url(), /\/masuk\?keluar=1$/);
  assert.equal((await page.locator('.alert.ok').textContent()).trim(), 'Anda sudah keluar.');
}

for (const combo of PHONE_COMBOS) {
  test(`register as umum, sign out, wrong password, sign in (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    const phone = freshPhone();
    await registerUmum(page, 'Rina Umum', phone);
    assert.match(page.url(), /\/akun\?ok=daftar$/);
    assert.match(await page.locator('.alert.ok').textContent(), /Selamat datang/);
    assert.ok((await page.locator('.facts').textContent()).includes('Pembeli umum'));
    assert.ok((await page.locator('.facts').textContent()).includes(`+62${phone.slice(1)}`), 'phone stored as +62');
    assert.ok(await overflow(page) <= 0, 'account page fits the phone');

    await signOut(page);
    // The account page is closed again.
    await page.goto(`${BASE}/akun`);
    assert.match(page.url(), /\/masuk\?lanjut=\/akun$/);

    // A wrong password: one message that does not say which part was wrong.
    await page.fill('#f-id', phone);
    await page.fill('#f-sandi', 'bukan-kata-sandinya');
    await submit(page, 'form.form button[type=submit]');
    assert.equal((await page.locator('#form-alert').textContent()).trim(), 'Nomor HP/email/NIP atau kata sandi salah.');
    assert.equal(await page.inputValue('#f-id'), phone, 'what was typed is kept');
    assert.equal(await page.inputValue('#f-sandi'), '', 'the password is not sent back');

    await page.fill('#f-sandi', PASSWORD);
    await submit(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/akun$/, 'back to where sign-in was asked for');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Akun saya');
    // Signed in: the sign-in page moves on, and the nav says "Akun".
    await page.goto(`${BASE}/masuk`);
    assert.match(page.url(), /\/akun$/);
    assert.equal((await page.locator('.bottom-nav a').last().textContent()).trim().endsWith('Akun'), true);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`register as ASN after fixing a mistake (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/daftar`);
    await Promise.all([page.waitForURL(/jenis=asn/), page.getByRole('link', { name: 'ASN Pemkot' }).click()]);
    const nip = freshNip();
    await page.fill('#f-nama', 'Agus Pegawai');
    await page.fill('#f-hp', freshPhone());
    await page.fill('#f-nip', nip);
    await page.selectOption('#f-opd', { index: 1 });
    const opd = await page.locator('#f-opd option:checked').textContent();
    await page.fill('#f-sandi', PASSWORD);
    await page.fill('#f-sandi2', PASSWORD + 'x');
    await submit(page, 'form.form button[type=submit]');
    // Refused: the message is by the field, and nothing typed is lost.
    assert.equal((await page.locator('#f-sandi2-err').textContent()).trim(), 'Konfirmasi kata sandi tidak sama.');
    assert.equal(await page.inputValue('#f-nama'), 'Agus Pegawai');
    assert.equal(await page.inputValue('#f-nip'), nip);
    assert.equal(await page.locator('#f-opd option:checked').textContent(), opd);
    assert.ok(await overflow(page) <= 0, 'registration fits the phone');

    await page.fill('#f-sandi', PASSWORD);
    await page.fill('#f-sandi2', PASSWORD);
    await submit(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/akun\?ok=daftar$/);
    const facts = await page.locator('.facts').textContent();
    assert.ok(facts.includes(nip) && facts.includes('ASN') && facts.includes(opd.trim()), facts);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`add to cart asks a visitor to register, then the product is in the cart (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    const href = await page.locator('.product-card:not(:has(.stock.out)) a').first().getAttribute('href');
    const id = href.split('/').pop();
    await page.goto(`${BASE}${href}`);
    if (combo.js) await page.locator('#beli[data-hydrated=true]').waitFor();
    await submit(page, 'form.add-to-cart button');
    // The sign-in page keeps what was asked for: this product, one of it.
    assert.match(page.url(), new RegExp(`/masuk\\?lanjut=/keranjang/tambah%3Fproduk%3D${id}%26jumlah%3D1$`));
    // No account yet: register from the sign-in page, which keeps the way back.
    await Promise.all([page.waitForURL(/\/daftar\?lanjut=/), page.getByRole('link', { name: 'Daftar di sini' }).click()]);
    await page.fill('#f-nama', 'Wulan Pembeli');
    await page.fill('#f-hp', freshPhone());
    await page.fill('#f-sandi', PASSWORD);
    await page.fill('#f-sandi2', PASSWORD);
    await submit(page, 'form.form button[type=submit]');
    assert.ok(page.url().endsWith(`${href}?ok=keranjang&jumlah=1`), `back on the product, not ${page.url()}`);
    assert.match(await page.locator('.buy-box .alert.ok').textContent(), /^Ditambahkan ke keranjang\. Di keranjang: 1 /);
    assert.equal((await page.locator('.bottom-nav .cart-count').textContent()).trim(), '1', 'the badge counts it');
    assert.ok(await overflow(page) <= 0, 'product page fits the phone');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`a protected page sends you to sign in and back (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    const phone = freshPhone();
    await registerUmum(page, 'Yanto Alamat', phone);
    await signOut(page);

    const res = await page.goto(`${BASE}/akun/alamat/baru`);
    assert.equal(res.status(), 200);
    assert.match(page.url(), /\/masuk\?lanjut=\/akun\/alamat\/baru$/);
    await page.fill('#f-id', phone);
    await page.fill('#f-sandi', PASSWORD);
    await submit(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/akun\/alamat\/baru$/, 'returned to the protected page');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Tambah alamat');
    assert.ok(await overflow(page) <= 0, 'address form fits the phone');

    await page.fill('#f-label', 'Rumah Ibu');
    await page.fill('#f-recipient', 'Sulastri');
    await page.fill('#f-phone', '031 5678 9012');
    await page.selectOption('#f-kecamatan', 'Gubeng');
    await page.fill('#f-kelurahan', 'Airlangga');
    await page.fill('#f-street', 'Jl. Dharmawangsa Dalam 12');
    await page.fill('#f-rt_rw', '3/5');
    await submit(page, 'form.form button[type=submit]');
    assert.match(page.url(), /\/akun\?ok=alamat$/);
    const address = await page.locator('.address').first().textContent();
    assert.ok(address.includes('Rumah Ibu') && address.includes('RT/RW 003/005') && address.includes('Kec. Gubeng'), address);
    assert.ok(address.includes('Utama'), 'the first address is the default');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

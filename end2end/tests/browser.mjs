// Shared set-up: Debian's Chromium through playwright-core, never a downloaded browser.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const BASE = process.env.PEKEN_E2E_URL ?? 'http://127.0.0.1:3000';

export const VIEWPORTS = {
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 } },
};

/** Every combination the project promises to work in. */
export const MATRIX = [];
for (const device of Object.keys(VIEWPORTS)) {
  for (const js of [true, false]) MATRIX.push({ device, js, label: `${device}, JS ${js ? 'on' : 'off'}` });
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export async function launch() {
  return chromium.launch(CHROMIUM);
}

/** A browser with a real profile in `dir` (not incognito), as `device`. */
export async function launchProfile(dir, device) {
  return chromium.launchPersistentContext(dir, { ...CHROMIUM, ...VIEWPORTS[device], locale: 'id-ID' });
}

/** Collects page errors and Content-Security-Policy violations. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A script or style blocked by the Content-Security-Policy is a failure too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

export async function newPage(browser, { device, js }) {
  const context = await browser.newContext({ ...VIEWPORTS[device], javaScriptEnabled: js, locale: 'id-ID' });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** A phone number nobody has registered yet. */
export function freshPhone() {
  return `0857${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A valid ASN NIP nobody has registered yet (born 1990, appointed 2015). */
export function freshNip() {
  const mm = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const dd = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
  return `1990${mm}${dd}201503${1 + Math.floor(Math.random() * 2)}${seq}`;
}

/** Submits the form holding `button` and waits for the next page. */
export async function submit(page, button) {
  await Promise.all([page.waitForEvent('load'), page.locator(button).click()]);
}

/** Page width beyond the viewport, in pixels (0 when nothing overflows). */
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The password the tests' new accounts use. */
export const PASSWORD = 'semanggi-suroboyo-2026';

/** A new buyer with one address, signed in on `page`. */
export async function newBuyer(page) {
  await page.goto(`${BASE}/daftar`);
  await page.fill('#f-nama', 'Wulan Pembeli');
  await page.fill('#f-hp', freshPhone());
  await page.fill('#f-sandi', PASSWORD);
  await page.fill('#f-sandi2', PASSWORD);
  await submit(page, 'form.form button[type=submit]');
  assert.match(page.url(), /\/akun\?ok=daftar$/);
  await page.goto(`${BASE}/akun/alamat/baru`);
  await page.fill('#f-label', 'Rumah');
  await page.fill('#f-recipient', 'Wulan Pembeli');
  await page.fill('#f-phone', '081234567890');
  await page.selectOption('#f-kecamatan', 'Gubeng');
  await page.fill('#f-kelurahan', 'Airlangga');
  await page.fill('#f-street', 'Jl. Dharmawangsa 10');
  await submit(page, 'form.form button[type=submit]');
  assert.match(page.url(), /\/akun\?ok=alamat$/);
}

/** Registers a seller (signed in afterwards). */
export async function newSeller(page) {
  await page.goto(`${BASE}/daftar?jenis=penjual`);
  await page.fill('#f-nama', 'Sri Wahyuni');
  await page.fill('#f-hp', freshPhone());
  await page.fill('#f-sandi', PASSWORD);
  await page.fill('#f-sandi2', PASSWORD);
  await submit(page, 'form.form button[type=submit]');
}

/** The demo's city officer and the demo accounts' password. */
export const OFFICER = 'dinas@contoh.test';
export const DEMO_PASSWORD = 'pekendemo2026';

/** Verifies a shop from the operator's command line, as the city would. */
export function verify(slug) {
  const out = execFileSync(process.env.PEKEN_E2E_BIN, ['verify-shop', slug], {
    env: { ...process.env, DATABASE_URL: process.env.PEKEN_E2E_DB, RUST_LOG: 'warn' },
    encoding: 'utf8',
  });
  assert.match(out, /sekarang: verified/);
}

/** Registers a seller and files a shop; returns the shop's slug. */
export async function newShop(page, name) {
  await newSeller(page);
  await page.goto(`${BASE}/toko-saya`);
  await submit(page, `a.btn.primary[href="/toko-saya/daftar"]`);
  assert.ok(await overflow(page) <= 0, 'the application fits the phone');
  // A wrong NIK first: refused with the field's message, the rest kept.
  await page.fill('#f-name', name);
  await page.selectOption('#f-kind', 'umkm');
  await page.fill('#f-nik', '3578019908850001');
  await page.fill('#f-phone', '081234567890');
  await page.selectOption('#f-kecamatan', 'Gubeng');
  await page.fill('#f-kelurahan', 'Airlangga');
  await page.fill('#f-address', 'Jl. Airlangga 12');
  await page.fill('#f-bank_name', 'Bank Jatim');
  await page.fill('#f-bank_account', '0011 2233 44');
  await page.fill('#f-bank_holder', 'Sri Wahyuni');
  await submit(page, 'form.form button.primary');
  assert.match(await page.locator('#f-nik-err').textContent(), /Tanggal lahir dalam NIK/);
  assert.equal(await page.inputValue('#f-name'), name, 'what was typed is kept');
  await page.fill('#f-nik', '3578015208850002');
  await submit(page, 'form.form button.primary');
  assert.match(page.url(), /\/toko-saya\?ok=diajukan$/);
  assert.match(await page.locator('.shop-status').textContent(), /Menunggu verifikasi/);
  const res = await page.request.get(`${BASE}/api/toko-saya`);
  return (await res.json()).shop.slug;
}

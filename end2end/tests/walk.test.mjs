// A first-time buyer's walk on a 360-px phone and a desktop, JavaScript on
// and off: anchored sections are never under the sticky header, the buy
// button is on the first screen of a product page, the seller tab shows
// on /daftar, shops are found by name from the header search and in the
// directory, a product page keeps its place while its photo loads,
// category pages show variety, English pages speak English,
// and axe-core finds no accessibility violation on any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BASE, MATRIX, VIEWPORTS, launch, newPage, freshPhone, submit, overflow } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** How far `selector`'s top lies below the sticky header's bottom (negative: hidden under it). */
async function clearOfHeader(page, selector) {
  return page.evaluate((sel) => {
    const header = document.querySelector('.site-header').getBoundingClientRect();
    const el = document.querySelector(sel).getBoundingClientRect();
    return el.top - header.bottom;
  }, selector);
}

/** Waits until a scroll to an anchor has settled (no animation frames run with JavaScript off). */
async function settle(page) {
  await page.waitForTimeout(150);
}

/** A demo product page URL (a product with stock). */
async function someProduct(page) {
  const home = await (await page.request.get(`${BASE}/api/home`)).json();
  const p = [...home.newest, ...home.popular].find((x) => x.stock > 5);
  return `${BASE}/produk/${p.id}`;
}

for (const combo of MATRIX) {
  test(`anchored sections land below the header (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    // With JavaScript the picker submits on change once its island is live.
    if (combo.js) await page.locator('form.kecamatan-picker[data-hydrated=true]').waitFor();
    // Choosing a kecamatan comes back to the shop list, heading and picker in view.
    await page.selectOption('#kecamatan', 'Tegalsari');
    if (!combo.js) await submit(page, '.kecamatan-picker button');
    await page.waitForURL(/kecamatan=Tegalsari#toko$/);
    await page.locator('#toko h2').waitFor();
    await settle(page);
    for (const sel of ['#toko h2', '#kecamatan']) {
      const gap = await clearOfHeader(page, sel);
      assert.ok(gap >= 0, `${sel} is ${-gap}px under the header`);
    }
    // The categories link (bottom nav on a phone, header on a desktop).
    const link = combo.device === 'phone' ? '.bottom-nav a[href="/#kategori"]' : '.top-nav a[href="/#kategori"]';
    await page.locator(link).click();
    await page.waitForURL(/#kategori$/);
    await settle(page);
    const gap = await clearOfHeader(page, '#kategori h2');
    assert.ok(gap >= 0, `categories heading is ${-gap}px under the header`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`the phone screen is used well (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    // One search box per page, home and search alike.
    await page.goto(`${BASE}/`);
    assert.equal(await page.locator('input[type=search]').count(), 1, 'one search box on home');
    await page.goto(`${BASE}/cari?q=kopi`);
    assert.equal(await page.locator('input[type=search]').count(), 1, 'one search box on search');
    // The header is compact: at most 64 px, one row.
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height <= 64, `header is ${header.height}px tall`);
    // A product page: the add-to-cart button is on the first screen, above the bottom nav.
    await page.goto(await someProduct(page));
    const button = await page.locator('.add-to-cart button[type=submit]').boundingBox();
    const nav = combo.device === 'phone' ? (await page.locator('.bottom-nav').boundingBox()).height : 0;
    const vh = page.viewportSize().height;
    assert.ok(button.y + button.height <= vh - nav, `buy button ends at ${button.y + button.height}px of ${vh - nav}px`);
    // What a buyer needs to read is at least 14 px.
    for (const sel of ['.price-line .price', '.price-line .unit', '.facts-line .stock']) {
      const px = await page.locator(sel).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(px >= 14, `${sel} is ${px}px`);
    }
    // Every link and button in the page is a big enough target (WCAG 2.2: 24 px; ours 44 px in nav and crumbs).
    const small = await page.evaluate(() => [...document.querySelectorAll('main a, main button, .breadcrumb a, .site-header a, .bottom-nav a')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ t: el.textContent.trim().slice(0, 30), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 && r.width < 44)
      .map(({ t, r }) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`));
    assert.deepEqual(small, [], 'tap targets under 44×44 px');
    // The size in a name never breaks off alone ("165 g").
    await page.goto(`${BASE}/cari?q=kapal%20api%20165`);
    const names = await page.locator('.product-card .name').allTextContents();
    assert.ok(names.some((n) => n.includes('165\u00a0g')), `sizes keep together: ${names.slice(0, 3)}`);
    // The seller tab on /daftar is on screen.
    await page.goto(`${BASE}/daftar`);
    const tab = await page.locator('.tabs .tab').nth(2).boundingBox();
    assert.ok(tab.x >= 0 && tab.x + tab.width <= page.viewportSize().width, `seller tab at x=${tab.x}`);
    assert.ok(await overflow(page) <= 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`shops are found by name and in the directory (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    await Promise.all([page.waitForURL(/\/toko$/), page.locator('#toko .more a').click()]);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Semua toko');
    const first = page.locator('.shop-card .name').first();
    const name = (await first.textContent()).trim();
    // The header search finds the shop by its name, above the products.
    await page.locator('.header-search input[name=q]').fill(name.toLowerCase());
    await submit(page, '.header-search button');
    const found = await page.locator('.found-shops .shop-card .name').allTextContents();
    assert.ok(found.map((n) => n.trim()).includes(name), `${name} among ${found}`);
    // The directory narrows by kecamatan, kind and MBR, and pages.
    await page.goto(`${BASE}/toko?kecamatan=Tegalsari&jenis=umkm&mbr=1`);
    const places = await page.locator('.shop-card .where').allTextContents();
    assert.ok(places.every((p) => p.includes('Tegalsari')), String(places));
    const badges = await page.locator('.shop-card').evaluateAll((cards) => cards.map((c) => c.querySelector('.badge.mbr') !== null));
    assert.ok(badges.every(Boolean), 'only MBR shops');
    assert.match(await page.locator('.mbr-note').textContent(), /berpenghasilan rendah/);
    await page.goto(`${BASE}/toko`);
    const page1 = await page.locator('.shop-card .name').allTextContents();
    assert.equal(page1.length, 24);
    await submit(page, '.pager a[rel=next]');
    const page2 = await page.locator('.shop-card .name').allTextContents();
    assert.ok(page2.length > 0 && page2.every((n) => !page1.includes(n)), 'page 2 lists other shops');
    // Home's list is not alphabetical-first.
    await page.goto(`${BASE}/`);
    const home = (await page.locator('#toko .shop-card .name').allTextContents()).map((n) => n.trim());
    assert.notDeepEqual(home, [...home].sort(), 'home shops are not in alphabetical order');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const device of Object.keys(VIEWPORTS)) {
  test(`a product page does not move when its photo arrives (${device})`, async () => {
    const { context, page } = await newPage(browser, { device, js: true });
    const url = await someProduct(page);
    // Hold the photo back: the page must already keep its place.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/media/**', async (route) => { await held; await route.continue(); });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const before = await page.evaluate(() => ({
      photo: document.querySelector('.product-page .photo img').getBoundingClientRect().height,
      title: document.querySelector('.product-page h1').getBoundingClientRect().top,
      loaded: document.querySelector('.product-page .photo img').complete,
    }));
    assert.equal(before.loaded, false, 'the photo is still on its way');
    assert.ok(before.photo > 100, `the photo has its box before it arrives (${before.photo} px)`);
    release();
    await page.waitForFunction(() => {
      const img = document.querySelector('.product-page .photo img');
      return img.complete && img.naturalWidth > 0;
    });
    const after = await page.evaluate(() => document.querySelector('.product-page h1').getBoundingClientRect().top);
    assert.equal(after, before.title, 'the name stays where it was');
    await context.close();
  });
}

test('category pages show variety', async () => {
  const { context, page } = await newPage(browser, { device: 'desktop', js: false });
  for (const slug of ['sembako', 'minuman', 'makanan-ringan', 'kue', 'batik', 'kerajinan']) {
    await page.goto(`${BASE}/kategori/${slug}`);
    const names = await page.locator('.product-card .name').allTextContents();
    const distinct = new Set(names.map((n) => n.trim()));
    assert.ok(distinct.size >= 12, `${slug}: ${distinct.size} distinct of ${names.length}`);
    // Pictures look like products: the demo picture names the product.
    const src = await page.locator('.product-card img').first().getAttribute('src');
    const svg = await (await page.request.get(`${BASE}${src}`)).text();
    assert.ok(svg.includes('<text') && !/r="\d+" fill="[^"]+" opacity="0.9"/.test(svg), 'a packaging picture, not initials in a circle');
  }
  await context.close();
});

test('English pages speak English: units, categories, dates', async () => {
  const { context, page } = await newPage(browser, { device: 'phone', js: false });
  await context.addCookies([{ name: 'peken_bahasa', value: 'en', url: BASE }]);
  const INDONESIAN_UNITS = /\b(bungkus|botol|kaleng|karung|kotak|lembar|loyang|renceng|toples|buah|porsi|ikat|lusin|dus|galon|besek)\b/i;
  await page.goto(`${BASE}/`);
  const cats = await page.locator('#kategori .chip a').allTextContents();
  assert.ok(cats.some((c) => c.includes('Staples')), String(cats));
  assert.ok(!cats.some((c) => /Sembako|Minuman|Kerajinan/.test(c)), String(cats));
  assert.match(await page.locator('.hero .as-of').textContent(), /\d{2}:\d{2} WIB/);
  for (const path of ['/kategori/sembako', '/kategori/minuman', '/cari?q=kopi', '/toko']) {
    await page.goto(`${BASE}${path}`);
    const units = await page.locator('.unit, .stock, .facts-line').allTextContents();
    for (const u of units) assert.doesNotMatch(u, INDONESIAN_UNITS, `${path}: ${u}`);
  }
  await page.goto(await someProduct(page));
  const facts = await page.locator('.price-line, .facts-line').allTextContents();
  for (const f of facts) assert.doesNotMatch(f, INDONESIAN_UNITS, f);
  assert.match(facts.join(' '), / in stock/);
  await context.close();
});

/** Runs axe-core on the page; returns violations of moderate impact and up. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const { passed, violations } = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return {
      passed: r.passes.length,
      violations: r.violations
        .filter((v) => v.impact !== 'minor')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    };
  });
  // axe really looked: a page of ours passes dozens of its rules.
  assert.ok(passed >= 15, `axe ran only ${passed} rules`);
  return violations;
}

test('axe finds a violation when there is one', async () => {
  const context = await browser.newContext({ ...VIEWPORTS.phone, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${BASE}/masuk`);
  // A broken page: an image without alt text and a field without a label.
  await page.evaluate(() => {
    document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="/favicon.svg"><input type="text">');
  });
  const found = await axe(page);
  assert.ok(found.some((v) => v.startsWith('image-alt')), String(found));
  assert.ok(found.some((v) => v.startsWith('label')), String(found));
  await context.close();
});

for (const device of Object.keys(VIEWPORTS)) {
  test(`axe finds no violations on any page (${device})`, async () => {
    // The test injects axe's script; the pages' CSP would refuse it.
    const context = await browser.newContext({ ...VIEWPORTS[device], locale: 'id-ID', bypassCSP: true });
    const page = await context.newPage();
    const product = await someProduct(page);
    const home = await (await page.request.get(`${BASE}/api/home`)).json();
    const shop = `/toko/${home.newest[0].shop_slug}`;
    const pub = ['/', '/toko', '/toko?kecamatan=Gubeng', '/kategori/sembako', '/cari?q=kopi', '/cari?q=zzqqxx',
      product.slice(BASE.length), shop, '/masuk', '/daftar', '/daftar?jenis=asn', '/daftar?jenis=penjual',
      '/halaman-yang-tidak-ada', '/offline', '/transparansi', '/panduan'];
    const found = [];
    const check = async (path) => {
      await page.goto(`${BASE}${path}`);
      for (const v of await axe(page)) found.push(`${path}: ${v}`);
    };
    for (const path of pub) await check(path);
    // Signed in as a new buyer: account, cart, checkout, orders.
    await page.goto(`${BASE}/daftar`);
    await page.fill('#f-nama', 'Rina Pembeli');
    await page.fill('#f-hp', freshPhone());
    await page.fill('#f-sandi', 'semanggi-suroboyo-2026');
    await page.fill('#f-sandi2', 'semanggi-suroboyo-2026');
    await submit(page, 'form.form button[type=submit]');
    await page.goto(product);
    await page.locator('#beli[data-hydrated=true]').waitFor();
    await page.locator('.add-to-cart button[type=submit]').click();
    await page.locator('.buy-box .alert.ok').waitFor();
    for (const path of ['/akun', '/akun/sandi', '/akun/alamat/baru', '/keranjang', '/checkout', '/pesanan', '/keluhan', product.slice(BASE.length)]) {
      await check(path);
    }
    // And as a new seller: the shop application and the empty shop pages.
    await context.clearCookies();
    await page.goto(`${BASE}/daftar?jenis=penjual`);
    await page.fill('#f-nama', 'Sri Penjual');
    await page.fill('#f-hp', freshPhone());
    await page.fill('#f-sandi', 'semanggi-suroboyo-2026');
    await page.fill('#f-sandi2', 'semanggi-suroboyo-2026');
    await submit(page, 'form.form button[type=submit]');
    for (const path of ['/mulai', '/toko-saya', '/toko-saya/daftar', '/toko-saya/produk', '/toko-saya/produk/baru', '/toko-saya/pesanan']) {
      await check(path);
    }
    // And as the city's officer: the dashboard, the queue, one of its lists,
    // a shop, the complaint desk and a complaint.
    await context.clearCookies();
    await page.goto(`${BASE}/masuk`);
    await page.fill('#f-id', 'dinas@contoh.test');
    await page.fill('#f-sandi', 'pekendemo2026');
    await submit(page, 'form.form button[type=submit]');
    await page.goto(`${BASE}/admin/toko`);
    const first = await page.locator('.review-card a.code').first().getAttribute('href');
    await page.goto(`${BASE}/admin/keluhan`);
    const complaint = await page.locator('.complaint-card a.code').first().getAttribute('href');
    for (const path of ['/admin', '/admin/toko', '/admin/toko?daftar=dibekukan', first, '/admin/audit',
      '/admin/pengaturan', '/admin/asn',
      '/admin/keluhan', '/admin/keluhan?daftar=selesai', complaint]) {
      await check(path);
    }
    assert.deepEqual(found, []);
    await context.close();
  });
}

// Takes the pictures of /panduan from a running demo (phone, 360 × 640,
// JavaScript off, each language): `PEKEN_E2E_URL=http://127.0.0.1:3000
// node guide-shots.mjs`. Writes public/panduan/{id,en}-{section}.jpg.
// Registers a few accounts on that server: run it on a throwaway demo.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { BASE, newBuyer, newSeller, submit } from './tests/browser.mjs';

const OUT = new URL('../public/panduan/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

async function shot(page, lang, key) {
  await page.screenshot({ path: `${OUT}${lang}-${key}.jpg`, type: 'jpeg', quality: 70 });
  console.log(`${lang}-${key}.jpg`);
}

for (const lang of ['id', 'en']) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 }, isMobile: true, deviceScaleFactor: 1, javaScriptEnabled: false, locale: 'id-ID',
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/bahasa/${lang}?lanjut=/`);

  await page.goto(`${BASE}/daftar?jenis=asn`);
  await page.fill('#f-nama', 'Wulan Pratiwi');
  await page.locator('#f-nip').scrollIntoViewIfNeeded();
  await shot(page, lang, 'asn');

  await page.goto(`${BASE}/daftar?jenis=umum`);
  await page.fill('#f-nama', 'Budi Santoso');
  await shot(page, lang, 'umum');

  // A seller's shop application.
  await newSeller(page);
  await page.goto(`${BASE}/toko-saya/daftar`);
  await page.fill('#f-name', 'Warung Bu Sri');
  await page.selectOption('#f-kind', 'toko_kelontong');
  await shot(page, lang, 'pedagang');
  await context.clearCookies();
  await page.goto(`${BASE}/bahasa/${lang}?lanjut=/`);

  // A buyer orders a best seller and reaches the payment choice.
  await newBuyer(page);
  await page.goto(`${BASE}/`);
  const href = await page.locator('.product-card a').first().getAttribute('href');
  await page.goto(`${BASE}${href}`);
  await shot(page, lang, 'pesan');
  await submit(page, '.add-to-cart button[type=submit]');
  await page.goto(`${BASE}/checkout`);
  await page.locator('#bayar-cod').scrollIntoViewIfNeeded();
  await shot(page, lang, 'bayar');

  await page.goto(`${BASE}/keluhan`);
  await shot(page, lang, 'keluhan');
  await context.close();
}
await browser.close();

import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:3399';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const c = await b.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, locale: 'id-ID', javaScriptEnabled: false });
const m = await c.newPage();
await m.goto(`${BASE}/masuk`);
await m.fill('#f-id', 'wati.wibowo@contoh.test'); await m.fill('#f-sandi', 'pekendemo2026');
await m.click('form.form button[type=submit]'); await m.waitForLoadState();
await m.goto(`${BASE}/toko-saya`);
const r = await m.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const b = el.getBoundingClientRect();
    if (b.right > 361) out.push(`${el.tagName}.${el.className} ${Math.round(b.right)}`);
  }
  return [document.documentElement.scrollWidth, out.slice(0, 10)];
});
console.log(JSON.stringify(r));
await m.locator('#batas-penjualan').screenshot({ path: '/tmp/shot/cap.png' });
await b.close();

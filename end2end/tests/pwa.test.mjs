// The installable app: the manifest validates, Chromium reports Peken
// installable, and the service worker serves the offline page (and pages
// already visited) when the network is gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, launch, launchProfile, newPage, watchErrors } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

async function serviceWorkerInControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

test('the web app manifest is valid and its icons are real PNGs of the stated size', async () => {
  const res = await fetch(`${BASE}/manifest.webmanifest`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/manifest\+json/);
  const m = await res.json();
  assert.equal(m.short_name, 'Peken');
  assert.match(m.name, /Peken/);
  assert.equal(m.display, 'standalone');
  // The installed app opens where its user works (a merchant: the inbox).
  assert.equal(m.start_url, '/mulai');
  const start = await fetch(new URL(m.start_url, BASE), { redirect: 'manual' });
  assert.equal(start.status, 303);
  assert.equal(start.headers.get('location'), '/', 'a visitor lands on the home page');
  assert.equal(m.lang, 'id');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
  assert.ok(new URL(m.start_url, BASE).pathname.startsWith(m.scope));
  const sizes = new Set();
  for (const icon of m.icons) {
    const r = await fetch(new URL(icon.src, BASE));
    assert.equal(r.status, 200, icon.src);
    assert.equal(r.headers.get('content-type'), 'image/png', icon.src);
    const [w, h] = pngSize(Buffer.from(await r.arrayBuffer()));
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    sizes.add(`${icon.sizes} ${icon.purpose}`);
  }
  for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(sizes.has(want), want);
});

for (const device of ['phone', 'desktop']) {
  test(`Chromium reports Peken installable (${device})`, async () => {
    // A real (non-incognito) profile: Chromium never offers installs in incognito.
    const profile = await mkdtemp(join(tmpdir(), 'peken-pwa-'));
    const context = await launchProfile(profile, device);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = watchErrors(page);
    await page.goto(`${BASE}/`);
    await serviceWorkerInControl(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'manifest parses without errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    assert.deepEqual(errors, []);
    await context.close();
    await rm(profile, { recursive: true, force: true });
  });
}

test('offline: the service worker serves the offline page and pages already seen', async () => {
  const { context, page, errors } = await newPage(browser, { device: 'phone', js: true });
  await page.goto(`${BASE}/`);
  await serviceWorkerInControl(page);
  // Pages seen while the worker is in control are kept: home and a product.
  await page.goto(`${BASE}/`);
  const href = await page.locator('.product-card a').first().getAttribute('href');
  await page.goto(`${BASE}${href}`);
  const productName = (await page.locator('h1').textContent()).trim();

  await context.setOffline(true);
  const res = await page.goto(`${BASE}/akun/sandi`);
  assert.equal(res.status(), 200);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Anda sedang offline');
  await page.goto(`${BASE}${href}`);
  assert.equal((await page.locator('h1').textContent()).trim(), productName, 'a visited product opens offline');
  await page.goto(`${BASE}/`);
  assert.ok(await page.locator('.product-card').count() > 0, 'the home page opens offline');
  // Server functions are never answered from the cache.
  const api = await page.evaluate(() => fetch('/api/home').then(() => 'answered', () => 'failed'));
  assert.equal(api, 'failed');
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

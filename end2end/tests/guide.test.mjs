// The guide (/panduan) in a real browser: reached from the footer; six
// sections with their steps and a picture of the real screen that loads;
// in English with the English screens; fits a phone. Phone without
// JavaScript, and desktop with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, overflow } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SECTIONS = ['asn', 'umum', 'pedagang', 'pesan', 'bayar', 'keluhan'];

for (const combo of [
  { device: 'phone', js: false, label: 'phone, JS off' },
  { device: 'desktop', js: true, label: 'desktop, JS on' },
]) {
  test(`the guide shows every step with its screen, in both languages (${combo.label})`, async () => {
    const { context, page, errors } = await newPage(browser, combo);
    await page.goto(`${BASE}/`);
    await page.locator('footer a[href="/panduan"]').click();
    await page.waitForURL(/\/panduan$/);
    for (const [lang, heading] of [['id', /Panduan memakai Peken/], ['en', /How to use Peken/]]) {
      if (lang === 'en') {
        await page.goto(`${BASE}/bahasa/en?lanjut=/panduan`);
      }
      assert.match(await page.locator('h1').textContent(), heading);
      for (const key of SECTIONS) {
        const section = page.locator(`section#${key}`);
        assert.equal(await section.count(), 1, key);
        assert.ok(await section.locator('ol li').count() >= 3, `${key} has steps`);
        const img = section.locator('img');
        assert.equal(await img.getAttribute('src'), `/panduan/${lang}-${key}.jpg`);
        assert.ok((await img.getAttribute('alt')).length > 10, `${key} says what the picture shows`);
        await img.scrollIntoViewIfNeeded();
        await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
        assert.equal(await img.evaluate((el) => el.naturalWidth), 360, `${key}: the picture loaded`);
      }
      assert.ok(await overflow(page) <= 0, 'the guide fits the screen');
    }
    await page.goto(`${BASE}/bahasa/id?lanjut=/`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

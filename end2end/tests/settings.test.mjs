// The city's rules in a real browser: the officer changes the ASN target
// with a reason; the change is recorded with who and why and the ASN
// programme page measures against it; a form read before someone else's
// change is refused and says what the value is now. Desktop with
// JavaScript, and a phone without.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, submit, overflow, OFFICER, DEMO_PASSWORD } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


async function signInOfficer(page, path) {
  await page.goto(`${BASE}${path}`);
  assert.match(page.url(), new RegExp(`/masuk\\?lanjut=${path.replace('/', '\\/')}$`));
  await page.fill('#f-id', OFFICER);
  await page.fill('#f-sandi', DEMO_PASSWORD);
  await submit(page, 'form.form button[type=submit]');
  assert.match(page.url(), new RegExp(`${path}$`));
}

for (const combo of [
  { device: 'desktop', js: true, label: 'desktop, JS on' },
  { device: 'phone', js: false, label: 'phone, JS off' },
]) {
  test(`the city changes a rule, audited, and a stale form is refused (${combo.label})`, async () => {
    const a = await newPage(browser, combo);
    const b = await newPage(browser, combo);
    const p = a.page;
    await signInOfficer(p, '/admin/pengaturan');
    assert.ok(await overflow(p) <= 0, 'the settings fit the screen');
    for (const f of ['batas_penjualan_bulanan', 'toko_sepi_hari', 'keluhan_sla_hari', 'target_asn_persen']) {
      assert.equal(await p.locator(`#f-${f}`).count(), 1, `${f} is on the form`);
    }
    assert.equal(await p.inputValue('#f-batas_penjualan_bulanan'), '30000000');
    const before = Number(await p.inputValue('#f-target_asn_persen'));
    const target = (before % 90) + 5;

    // A second officer opens the same form before the change.
    await signInOfficer(b.page, '/admin/pengaturan');

    // No reason: refused, nothing changed, what was typed kept.
    await p.fill('#f-target_asn_persen', String(target));
    await p.locator('#alasan').evaluate((el) => el.removeAttribute('required'));
    await submit(p, '.settings-form button[type=submit]');
    assert.match(await p.locator('#alasan').locator('xpath=..').locator('.field-error').textContent(), /alasan/i);
    assert.equal(await p.inputValue('#f-target_asn_persen'), String(target));
    // Out of bounds: refused by the field.
    await p.fill('#f-target_asn_persen', '250');
    await p.fill('#alasan', 'Target baru dari Sekda');
    await p.locator('#f-target_asn_persen').evaluate((el) => el.removeAttribute('maxlength'));
    await submit(p, '.settings-form button[type=submit]');
    assert.match(await p.locator('.field.invalid').first().textContent(), /1 sampai 100/);
    // Then saved.
    await p.fill('#f-target_asn_persen', String(target));
    await p.fill('#alasan', 'Target baru dari Sekda');
    await submit(p, '.settings-form button[type=submit]');
    assert.match(p.url(), /\/admin\/pengaturan\?ok=1$/);
    assert.match(await p.locator('.alert.ok').textContent(), /disimpan/);
    assert.equal(await p.inputValue('#f-target_asn_persen'), String(target));
    const history = await p.locator('table.figures tbody tr').first().textContent();
    assert.match(history, new RegExp(`Target ASN yang berbelanja per bulan \\(%\\): ${before} → ${target}`));
    assert.match(history, /Target baru dari Sekda/);
    assert.match(history, /Petugas Dinkopdag/);

    // The stale form of the second officer is refused with the value now.
    const q = b.page;
    await q.fill('#f-target_asn_persen', String(((target + 7) % 90) + 5));
    await q.fill('#alasan', 'Perubahan dari formulir lama');
    await submit(q, '.settings-form button[type=submit]');
    assert.match(await q.locator('.alert.error').textContent(), new RegExp(`sekarang ${target}`));

    // The ASN programme measures against the new target.
    await p.goto(`${BASE}/admin/asn`);
    assert.match(await p.locator('.lead').textContent(), new RegExp(`target ${target}%`));
    const rows = await p.locator('#tabel-asn tbody tr').count();
    assert.ok(rows >= 30, `every OPD is listed (${rows})`);
    assert.ok(await overflow(p) <= 0, 'the programme fits the screen');
    const month = await p.locator('#bulan option').nth(1).getAttribute('value');
    await p.selectOption('#bulan', month);
    await submit(p, '.asn-page form button[type=submit]');
    assert.match(p.url(), new RegExp(`/admin/asn\\?bulan=${month}$`));
    assert.match(await p.locator('#tabel-asn caption').textContent(), new RegExp(month));

    for (const x of [a, b]) {
      assert.deepEqual(x.errors, []);
      await x.context.close();
    }
  });
}

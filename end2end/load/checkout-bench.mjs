// Checkouts per second with many buyers at once, over HTTP against a
// running release server (`make bench`). Each buyer loops: put one unit of
// a product (drawn from a few hundred, so buyers rarely wait on one row) in
// the cart, then place the order (pickup, cash on delivery, a fresh
// idempotency key). Only the place-order request is timed. Then the
// oversell check: every product's stock fell by exactly the units sold.
//   node load/checkout-bench.mjs fixture.json seconds
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { addToCart, place, stockOf } from './common.mjs';

const fx = JSON.parse(readFileSync(process.argv[2], 'utf8').trim().split('\n').pop());
const seconds = Number(process.argv[3] ?? 15);
const products = fx.spread;
const sold = new Map(products.map((p) => [p.id, 0]));

const times = [];
let ok = 0, failed = 0, firstError = '';
const stopAt = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(fx.buyers.map(async (b) => {
  while (Date.now() < stopAt) {
    const p = products[Math.floor(Math.random() * products.length)];
    const r = await addToCart(b, p.id, 1);
    if (r.status !== 200) { failed += 1; firstError ||= `add ${r.status} ${r.text}`; continue; }
    const form = {
      alamat: String(b.address), bayar: 'cod', kunci: randomBytes(16).toString('hex'),
      isi: `${p.id}:1`, total: String(p.price), [`kirim[${p.shop_id}]`]: 'ambil',
    };
    const t0 = performance.now();
    const res = await place(b, form);
    times.push(performance.now() - t0);
    if (res.status === 200) { ok += 1; sold.set(p.id, sold.get(p.id) + 1); }
    else { failed += 1; firstError ||= `place ${res.status} ${res.text.slice(0, 200)}`; }
  }
}));
const elapsed = (Date.now() - started) / 1000;
times.sort((a, b) => a - b);
const pct = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(1);
// The oversell check, product by product.
let mismatched = 0;
for (const p of products) {
  if (sold.get(p.id) === 0) continue;
  const left = await stockOf(p.id);
  if (left !== p.stock - sold.get(p.id) || left < 0) mismatched += 1;
}
console.log(
  `${fx.buyers.length} buyers: ${ok} checkouts in ${elapsed.toFixed(1)} s = ${(ok / elapsed).toFixed(0)} checkouts/s, ` +
  `place-order p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${failed} failed${firstError ? ` (first: ${firstError})` : ''}; ` +
  `stock of ${products.length} products: ${mismatched ? `${mismatched} MISMATCHED` : 'fell by exactly the units sold'}`,
);
if (mismatched) process.exit(1);

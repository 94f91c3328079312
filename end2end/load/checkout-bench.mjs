// Checkouts per second with many buyers at once, over HTTP against a
// running release server (`make bench`). Each buyer loops: put one unit in
// the cart, place the order (cash on delivery, a fresh idempotency key).
// Only the place-order request is timed. At the end the oversell check:
// the stock fell by exactly the units sold and is not negative.
//   node load/checkout-bench.mjs fixture.json seconds
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { addToCart, review, orderForm, place, stockOf } from './common.mjs';

const fx = JSON.parse(readFileSync(process.argv[2], 'utf8').trim().split('\n').pop());
const seconds = Number(process.argv[3] ?? 15);
const { hot } = fx;
const startStock = await stockOf(hot.id);

// Each buyer's form for "one unit of the hot product" (the same every time).
const buyers = [];
for (const b of fx.buyers) {
  const r = await addToCart(b, hot.id, 1);
  if (r.status !== 200) throw new Error(`add: ${r.status} ${r.text}`);
  buyers.push({ b, form: orderForm(b, await review(b)) });
}

const times = [];
let ok = 0, failed = 0, firstError = '';
const stopAt = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(buyers.map(async ({ b, form }, i) => {
  let first = true;
  while (Date.now() < stopAt) {
    if (!first) {
      const r = await addToCart(b, hot.id, 1);
      if (r.status !== 200) { failed += 1; firstError ||= `add ${r.status} ${r.text}`; continue; }
    }
    first = false;
    const t0 = performance.now();
    const r = await place(b, { ...form, kunci: randomBytes(16).toString('hex') });
    times.push(performance.now() - t0);
    if (r.status === 200) ok += 1;
    else { failed += 1; firstError ||= `place ${r.status} ${r.text.slice(0, 200)}`; }
  }
  return i;
}));
const elapsed = (Date.now() - started) / 1000;
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
const endStock = await stockOf(hot.id);
const oversold = startStock - endStock !== ok || endStock < 0;
console.log(
  `${fx.buyers.length} buyers: ${ok} checkouts in ${elapsed.toFixed(1)} s = ${(ok / elapsed).toFixed(0)} checkouts/s, ` +
  `place-order p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${failed} failed${firstError ? ` (first: ${firstError})` : ''}; ` +
  `stock ${startStock} → ${endStock}: ${oversold ? 'MISMATCH' : 'exactly the units sold'}`,
);
if (oversold) process.exit(1);

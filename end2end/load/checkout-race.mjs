// Race over real HTTP against a running release server: every buyer of the
// fixture checks out at the same moment for a product with few in stock.
// Exactly that many units are sold, stock ends at 0 and never below, every
// other buyer is told it is sold out; carts spanning two shops that lose
// their hot line write nothing at all; and one checkout sent 20 times at
// once makes one order.
//   node load/checkout-race.mjs fixture.json
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { addToCart, review, orderForm, place, stockOf } from './common.mjs';

const fx = JSON.parse(readFileSync(process.argv[2], 'utf8').trim().split('\n').pop());
const buyers = fx.buyers.slice(0, -1);
const solo = fx.buyers.at(-1);
const { hot, other } = fx;
assert.ok(buyers.length >= 200, 'at least 200 buyers');

// Carts: one unit, two units in one line (every third buyer), and a second
// shop's product too (every fifth).
const plan = buyers.map((b, i) => ({ b, qty: i % 3 === 0 ? 2 : 1, twoShops: i % 5 === 0 }));
for (const p of plan) {
  const r = await addToCart(p.b, hot.id, p.qty);
  assert.equal(r.status, 200, r.text);
  if (p.twoShops) assert.equal((await addToCart(p.b, other.id, 1)).status, 200);
}
const forms = [];
for (const p of plan) forms.push(orderForm(p.b, await review(p.b)));

const started = Date.now();
const results = await Promise.all(plan.map((p, i) => place(p.b, forms[i])));
const elapsed = Date.now() - started;

let units = 0, ok = 0, soldOut = 0, otherSold = 0;
results.forEach((r, i) => {
  if (r.status === 200) {
    ok += 1;
    units += plan[i].qty;
    if (plan[i].twoShops) otherSold += 1;
  } else {
    assert.equal(r.status, 409, `buyer ${i}: ${r.status} ${r.text}`);
    assert.match(r.text, /habis|tinggal/, `buyer ${i} is told why: ${r.text}`);
    soldOut += 1;
  }
});
const left = await stockOf(hot.id);
assert.equal(units, hot.stock, `exactly ${hot.stock} units sold (got ${units})`);
assert.equal(left, 0, 'stock ends at 0');
assert.equal(await stockOf(other.id), other.stock - otherSold, 'a refused two-shop cart wrote nothing');
console.log(`race: ${buyers.length} buyers at once, ${ok} checkouts (${units} units), ${soldOut} told sold out, stock ${left}, ${elapsed} ms`);

// The same checkout, 20 times at once: one order.
assert.equal((await addToCart(solo, other.id, 1)).status, 200);
const form = orderForm(solo, await review(solo));
const same = await Promise.all(Array.from({ length: 20 }, () => place(solo, form)));
assert.ok(same.every((r) => r.status === 200), same.map((r) => r.status).join(','));
const nexts = new Set(same.map((r) => r.json.next));
assert.equal(nexts.size, 1, `one order for 20 submissions: ${[...nexts]}`);
assert.equal(await stockOf(other.id), other.stock - otherSold - 1, 'reserved once');
console.log(`idempotency: 20 concurrent submissions → ${[...nexts][0]}`);

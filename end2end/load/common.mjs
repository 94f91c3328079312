// Shared by the checkout race test and the checkout benchmark: buyers made
// by `peken load-fixture`, talking to a running server over HTTP.
import { randomBytes } from 'node:crypto';

export const BASE = process.env.PEKEN_E2E_URL ?? 'http://127.0.0.1:3000';

/** A server function call: form-encoded POST or GET, JSON back. */
export async function call(cookie, path, fields, method = 'POST') {
  const body = new URLSearchParams(fields).toString();
  const url = method === 'GET' ? `${BASE}${path}?${body}` : `${BASE}${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      cookie,
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded', origin: BASE } : {}),
      accept: 'application/json',
    },
    body: method === 'POST' ? body : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* an error text */ }
  return { status: res.status, json, text };
}

export const addToCart = (b, product, qty) =>
  call(b.cookie, '/api/keranjang/tambah', { produk: String(product), jumlah: String(qty) });

/** What the review page would show this buyer now (cash on delivery). */
export async function review(b) {
  const r = await call(b.cookie, '/api/checkout', { alamat: String(b.address), bayar: 'cod' }, 'GET');
  if (r.status !== 200) throw new Error(`review: ${r.status} ${r.text}`);
  return r.json;
}

/** The place-order form for a review. */
export function orderForm(b, view, key = randomBytes(16).toString('hex')) {
  const f = { alamat: String(b.address), bayar: 'cod', kunci: key, isi: view.isi, total: String(view.total) };
  for (const s of view.shops) f[`kirim[${s.shop_id}]`] = s.choice === 'Pickup' ? 'ambil' : 'antar';
  return f;
}

export const place = (b, form) => call(b.cookie, '/api/checkout/pesan', form);

export async function stockOf(id) {
  const r = await fetch(`${BASE}/api/product?id=${id}`);
  return (await r.json()).card.stock;
}

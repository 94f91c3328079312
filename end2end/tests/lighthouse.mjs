// Lighthouse with its mobile defaults (a phone screen, a slow 4G network
// and a slower CPU, simulated) driving Debian's Chromium: used by the test
// of accessibility, best practices and SEO (`lighthouse.test.mjs`) and by
// `make bench`, which reports performance (`../bench-lighthouse.mjs`).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { BASE, launch, newBuyer, submit } from './browser.mjs';

/** A headless Chromium that Lighthouse drives; `kill()` it when done. */
export async function startChrome() {
  return chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Lighthouse's report on `path` (every category, or only `categories`). */
export async function audit(chrome, path, { categories, cookie } = {}) {
  const flags = { port: chrome.port, output: 'json', logLevel: 'error' };
  if (categories) flags.onlyCategories = categories;
  if (cookie) flags.extraHeaders = { Cookie: cookie };
  const { lhr } = await lighthouse(`${BASE}${path}`, flags);
  if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return lhr;
}

/** The audits of `category` that counted and did not pass, as "id (score)". */
export function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((r) => r.weight > 0)
    .map((r) => lhr.audits[r.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => `${a.id} (${a.score})`);
}

/**
 * The buyer's pages: the public ones (`indexable` unless the page asks
 * search engines not to index it), and the cart and checkout of a new
 * signed-in buyer with an address and one product in the cart (`cookie`).
 */
export async function buyerPages() {
  const browser = await launch();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' });
    const page = await context.newPage();
    const home = await (await page.request.get(`${BASE}/api/home`)).json();
    const product = [...home.popular, ...home.newest].find((p) => p.stock >= 5);
    if (!product) throw new Error('the demo has a product in stock');
    await newBuyer(page);
    await page.goto(`${BASE}/produk/${product.id}`);
    await submit(page, '.add-to-cart button[type=submit]');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    return [
      { name: 'home', path: '/', indexable: true },
      { name: 'category', path: '/kategori/sembako', indexable: true },
      { name: 'search', path: '/cari?q=kopi', indexable: false },
      { name: 'shops', path: '/toko', indexable: true },
      { name: 'shop', path: `/toko/${product.shop_slug}`, indexable: true },
      { name: 'product', path: `/produk/${product.id}`, indexable: true },
      { name: 'sign in', path: '/masuk', indexable: false },
      { name: 'cart', path: '/keranjang', indexable: false, cookie },
      { name: 'checkout', path: '/checkout', indexable: false, cookie },
    ];
  } finally {
    await browser.close();
  }
}

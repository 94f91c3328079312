// `make bench`: Lighthouse's mobile performance on the buyer's pages (each
// page three times; the run with the median score is reported). Prints a
// Markdown table and appends it to the file named by the first argument.
import { appendFileSync } from 'node:fs';
import { startChrome, audit, buyerPages } from './tests/lighthouse.mjs';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const WANTED = ['home', 'category', 'search', 'shop', 'product', 'cart', 'checkout'];
const out = process.argv[2];

const pages = (await buyerPages()).filter((p) => WANTED.includes(p.name));
const chrome = await startChrome();
const lines = [
  `Lighthouse ${RUNS}× per page, mobile emulation (simulated slow 4G, 4× CPU slowdown), median run:`,
  '',
  '| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | transfer |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
try {
  for (const p of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(chrome, p.path, { cookie: p.cookie }));
    runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const lhr = runs[Math.floor(runs.length / 2)];
    const score = (c) => Math.round(lhr.categories[c].score * 100);
    const ms = (id) => `${Math.round(lhr.audits[id].numericValue)} ms`;
    const kb = (lhr.audits['total-byte-weight'].numericValue / 1024).toFixed(1);
    lines.push(`| ${p.name} \`${p.path}\` | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | `
      + `${ms('first-contentful-paint')} | ${ms('largest-contentful-paint')} | ${ms('total-blocking-time')} | `
      + `${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)} | ${kb} KB |`);
    console.log(lines[lines.length - 1]);
  }
} finally {
  await chrome.kill();
}
lines.push('', 'SEO under 100 on search, cart and checkout is their `noindex`, on purpose; `make test` checks every other SEO audit passes there.');
const table = lines.join('\n') + '\n';
console.log(`\n${table}`);
if (out) appendFileSync(out, `\n${table}`);

// Lighthouse on every buyer page, as a phone (its mobile emulation):
// accessibility and best practices score 100; SEO scores 100 on pages meant
// for search engines, and on the pages that say `noindex` on purpose
// (search results, sign-in, cart, checkout) every SEO audit passes but
// that one. Performance depends on the machine and is reported by
// `make bench` instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startChrome, audit, failing, buyerPages } from './lighthouse.mjs';

test('Lighthouse: accessibility, best practices and SEO on every buyer page (mobile)', async () => {
  const pages = await buyerPages();
  const chrome = await startChrome();
  const problems = [];
  try {
    for (const p of pages) {
      const lhr = await audit(chrome, p.path, {
        categories: ['accessibility', 'best-practices', 'seo'],
        cookie: p.cookie,
      });
      // The page itself was audited, not a redirect to the sign-in page.
      assert.equal(new URL(lhr.finalDisplayedUrl).pathname, p.path.split('?')[0], p.name);
      assert.equal(lhr.configSettings.formFactor, 'mobile');
      for (const category of ['accessibility', 'best-practices']) {
        const score = lhr.categories[category].score;
        if (score !== 1) problems.push(`${p.path}: ${category} ${score * 100}: ${failing(lhr, category)}`);
      }
      const seo = failing(lhr, 'seo');
      if (p.indexable) {
        if (seo.length) problems.push(`${p.path}: seo ${lhr.categories.seo.score * 100}: ${seo}`);
      } else {
        // Exactly the noindex audit fails, and only because we said so.
        const rest = seo.filter((a) => !a.startsWith('is-crawlable'));
        if (rest.length) problems.push(`${p.path}: seo: ${rest}`);
        if (lhr.audits['is-crawlable'].score !== 0) problems.push(`${p.path}: is not noindex`);
      }
    }
  } finally {
    await chrome.kill();
  }
  assert.deepEqual(problems, []);
});

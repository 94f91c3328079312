// Shared set-up: Debian's Chromium through playwright-core, never a downloaded browser.
import { chromium } from 'playwright-core';

export const BASE = process.env.PEKEN_E2E_URL ?? 'http://127.0.0.1:3000';

export const VIEWPORTS = {
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 } },
};

/** Every combination the project promises to work in. */
export const MATRIX = [];
for (const device of Object.keys(VIEWPORTS)) {
  for (const js of [true, false]) MATRIX.push({ device, js, label: `${device}, JS ${js ? 'on' : 'off'}` });
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export async function newPage(browser, { device, js }) {
  const context = await browser.newContext({ ...VIEWPORTS[device], javaScriptEnabled: js, locale: 'id-ID' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

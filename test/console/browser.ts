// Headless Chromium (Debian's package) for console tests: launch flags from the architecture,
// a page that records browser-console errors, screenshots under test-results/screenshots/ at a
// given width, and an axe-core accessibility check.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-results/screenshots';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A 1280×800 page; `errors` collects console errors and uncaught exceptions. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** The page's serious and critical axe-core violations, as "rule: target …" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(' | ')}`,
    );
}

// Region codes, AMI and launch-template ids in the page's text that the browser broke across
// lines (it would break after a hyphen): each match's range must sit on one line.
const BROKEN_IDS = `(() => {
  const re = /\\b(?:[a-z]{2}(?:-gov)?-[a-z]+-\\d|ami-[0-9a-f]{8,17}|lt-[0-9a-f]{8,17})\\b/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement || n.parentElement.closest('select, option, datalist, script, style, textarea')) continue;
    for (const m of n.textContent.matchAll(re)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return [...new Set(broken)];
})()`;

/**
 * Checks the page at 1280 and 375 px wide: no serious/critical axe violation, nothing wider than
 * the window at 375 px (the page scrolls only vertically; wide tables scroll inside their own
 * box), no Region code or AMI/launch-template id broken across lines, and a screenshot at each width. Returns the problems found (empty when none).
 */
export async function checkPage(page: Page, name: string, ready: () => Promise<unknown>): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    await ready();
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    for (const v of await axeViolations(page)) problems.push(`${name} @${width}: ${v}`);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (overflow > width) problems.push(`${name} @${width}: the page is ${overflow} px wide`);
    for (const id of (await page.evaluate(BROKEN_IDS)) as string[]) problems.push(`${name} @${width}: ${id} is broken across lines`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return problems;
}

/**
 * Asserts a locator's text, waiting for it: the console renders in steps (heading, then
 * "Loading…", then the answer), so a text read right after navigation can be a step early. Polls
 * until the text matches (a RegExp) or equals (a string), then fails with the last text seen.
 */
export async function assertText(locator: Locator, expected: RegExp | string, timeoutMs = 15_000): Promise<void> {
  const ok = (t: string) => (typeof expected === 'string' ? t === expected : expected.test(t));
  const deadline = Date.now() + timeoutMs;
  let text = await locator.innerText();
  while (!ok(text) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    text = await locator.innerText();
  }
  if (typeof expected === 'string') assert.equal(text, expected);
  else assert.match(text, expected);
}

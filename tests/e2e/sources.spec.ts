import { expect, test } from '@playwright/test';

const SEED = '/articles/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400/';

test('the original source and its archived copy point where they should', async ({ page }) => {
  await page.goto('/articles/vucic-meets-eu-envoys-in-belgrade/');
  await expect(page.locator('.original-source a')).toHaveAttribute(
    'href',
    'https://balkaninsight.com/2020/03/01/vucic-meets-eu-envoys/',
  );
  const sources = page.locator('.sources');
  await expect(sources.getByRole('link', { name: /archived copy/i }).first()).toHaveAttribute(
    'href',
    'https://web.archive.org/web/20200301/https://balkaninsight.com/2020/03/01/vucic-meets-eu-envoys/',
  );
});

test('the copy button puts the APA citation on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(SEED);
  const apa = (await page.locator('#cite-apa').textContent())?.trim() ?? '';
  expect(apa).toContain('Zero Hedge');
  await page.getByRole('button', { name: 'Copy APA citation' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.trim()).toBe(apa);
});

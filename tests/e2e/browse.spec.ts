import { expect, test } from '@playwright/test';

const SEED_URL = '/articles/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400/';

test('a reader goes from the home page to a region, an article, its author and its source', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest articles');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Regions' }).click();
  await expect(page).toHaveURL(/\/regions\/$/);
  await page.getByRole('link', { name: 'Russia and FSU', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Region: Russia and FSU');

  await page.getByRole('link', { name: /US Threatens Sanctions on Serbia/ }).click();
  await expect(page).toHaveURL(new RegExp(`${SEED_URL}$`));
  await expect(page.locator('.copyright')).toHaveText('Copyright © Zero Hedge, Zero Hedge, 2019');

  await page.locator('.byline').getByRole('link', { name: 'Zero Hedge' }).click();
  await expect(page).toHaveURL(/\/authors\/zero-hedge\/$/);
  await expect(page.getByRole('link', { name: /US Threatens Sanctions on Serbia/ })).toBeVisible();

  await page.goto(SEED_URL);
  await page.locator('.dates').getByRole('link', { name: 'Zero Hedge' }).click();
  await expect(page).toHaveURL(/\/sources\/zero-hedge\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Source: Zero Hedge');
  await expect(page.getByRole('link', { name: 'https://www.zerohedge.com/' })).toHaveAttribute(
    'href',
    'https://www.zerohedge.com/',
  );
});

test('browse pages load no JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  for (const url of ['/', '/regions/europe/', '/archive/2019/', '/authors/']) {
    await page.goto(url);
  }
  expect(scripts).toEqual([]);
});

test('pagination moves between pages', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Older/ }).click();
  await expect(page).toHaveURL(/\/page\/2\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest articles (page 2)');
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Newer/ }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

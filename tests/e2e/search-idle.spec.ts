import { expect, test } from '@playwright/test';

test('an empty search page loads the index only when the reader reaches for the form', async ({ page }) => {
  const pagefind: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) pagefind.push(request.url());
  });
  await page.goto('/search/');
  await page.waitForLoadState('networkidle');
  expect(pagefind).toEqual([]);
  await expect(page.getByRole('status').first()).toContainText('Type words to search');

  await page.getByRole('searchbox').last().focus();
  await expect.poll(() => pagefind.length).toBeGreaterThan(0);
});

import { expect, type Page } from '@playwright/test';

/** Opens a profile given as text, as a user drops a file on the app, and simulates it to the end. */
export async function simulateText(page: Page, name: string, text: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('profile-file').setInputFiles({ name, mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

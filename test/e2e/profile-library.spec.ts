import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const SHOTS = 'artifacts/screenshots';
mkdirSync(SHOTS, { recursive: true });

test('the library lists the built-in profiles, grouped', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByTestId('profile-picker');
  await expect(picker.getByRole('heading', { name: 'From the talk' })).toBeVisible();
  await expect(picker.getByRole('heading', { name: 'Classic problems' })).toBeVisible();
  await expect(picker.getByRole('button', { name: 'Lock-order inversion (foo and bar)' })).toBeVisible();
  expect(await picker.locator('[data-profile-id^="talk/"]').count()).toBeGreaterThanOrEqual(15);
  await page.screenshot({ path: `${SHOTS}/library.png` });
});

test('opening a built-in shows its structure and text', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Pool benchmark (sqrt(sqrt(a) / sqrt(b)))' }).click();
  const structure = page.getByTestId('profile-structure');
  await expect(structure.getByRole('heading', { name: 'Pool benchmark (sqrt(sqrt(a) / sqrt(b)))' })).toBeVisible();
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
  await expect(page.getByTestId('serial-fraction')).toContainText('14.3%');
  await expect(page.getByTestId('amdahl-chart')).toBeVisible();
  await expect(page.getByTestId('profile-editor').locator('textarea')).toHaveValue(/starmap: \{ items: 100000/);
  await expect(page.getByTestId('profile-errors')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/builtin-pool-benchmark.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/overview.png` });
});

test('every built-in opens and validates', async ({ page }) => {
  await page.goto('/');
  const items = page.getByTestId('profile-picker').locator('[data-profile-id]');
  const count = await items.count();
  for (let k = 0; k < count; k++) {
    const item = items.nth(k);
    const name = (await item.textContent()) ?? '';
    await item.click();
    await expect(page.getByTestId('profile-structure').locator('h1')).toHaveText(name);
    await expect(page.getByTestId('profile-status')).toHaveText('valid');
  }
});

test('the foo/bar deadlock profile shows both processes and both locks', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Lock-order inversion (foo and bar)' }).click();
  const structure = page.getByTestId('profile-structure');
  await expect(structure.getByRole('cell', { name: 'foo', exact: true })).toBeVisible();
  await expect(structure.getByRole('cell', { name: 'bar', exact: true })).toBeVisible();
  await expect(structure.getByRole('cell', { name: 'a', exact: true })).toBeVisible();
  await expect(structure.getByRole('cell', { name: 'b', exact: true })).toBeVisible();
});

test('a bad file opened from disk shows its errors at their lines', async ({ page }) => {
  await page.goto('/');
  const text = ['version: 1', 'name: Broken', 'resources:', '  a: lock', 'processes:', '  foo:', '    - wait: a', '    - compute: 5 parsecs', ''].join('\n');
  await page.getByTestId('profile-file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByTestId('profile-status')).toHaveText('2 errors');
  const errors = page.getByTestId('profile-errors').locator('li');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveAttribute('data-line', '7');
  await expect(errors.nth(0)).toContainText('line 7, column 13');
  await expect(errors.nth(0)).toContainText('wait needs an event, a barrier or a condition, but a is a lock');
  await expect(errors.nth(1)).toHaveAttribute('data-line', '8');
  await expect(errors.nth(1)).toContainText('unknown duration unit "parsecs"');
  const editor = page.getByTestId('profile-editor');
  await expect(editor.locator('.line-number.has-error')).toHaveCount(2);
  await expect(editor.locator('.line-number[data-line="7"]')).toHaveClass(/has-error/);
  await page.screenshot({ path: `${SHOTS}/bad-profile.png`, fullPage: true });
});

test('a file that is not UTF-8 is refused where its first such byte is, not opened with its letters lost', async ({ page }) => {
  await page.goto('/');
  const latin1 = Buffer.from([...Buffer.from('version: 1\nname: caf'), 0xe9, ...Buffer.from('\nmain:\n  - compute: 1ms\n')]);
  await page.getByTestId('profile-file').setInputFiles({ name: 'latin1.yaml', mimeType: 'text/yaml', buffer: latin1 });
  await expect(page.getByRole('alert')).toHaveText(
    'cannot open latin1.yaml: line 2, column 10: the byte 0xE9 is not UTF-8; the file must be UTF-8 text (save it as UTF-8)',
  );
  await expect(page.getByTestId('profile-editor')).toHaveCount(0);
});

test('a YAML syntax error names its line', async ({ page }) => {
  await page.goto('/');
  const text = 'version: 1\nname: x\nmain:\n  - compute: 1ms\n   - sleep: 2ms\n';
  await page.getByTestId('profile-file').setInputFiles({ name: 'syntax.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  const first = page.getByTestId('profile-errors').locator('li').first();
  await expect(first).toHaveAttribute('data-line', '5');
  await expect(first).toContainText('YAML syntax');
});

test('editing the profile re-validates as one types', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Lock-order inversion (foo and bar)' }).click();
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
  const area = page.getByTestId('profile-editor').locator('textarea');
  const text = await area.inputValue();
  await area.fill(text.replace('  b: lock', '  b: lokc'));
  await expect(page.getByTestId('profile-status')).toHaveText(/error/);
  await expect(page.getByTestId('profile-errors')).toContainText('unknown kind "lokc" (did you mean "lock"?)');
  await area.fill(text);
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
});

test('the theme toggles between light and dark, and is remembered', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  const other = before === 'dark' ? 'light' : 'dark';
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', other);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', other);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Big sum of A + B' }).click();
  await page.screenshot({ path: `${SHOTS}/theme-toggled.png`, fullPage: true });
});

test('a profile dropped on the window opens', async ({ page }) => {
  await page.goto('/');
  const text = 'version: 1\nname: Dropped in\nmain:\n  - compute: 1ms\n';
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.yaml', { type: 'text/yaml' }));
    return dt;
  }, text);
  await page.locator('.app').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.locator('.app').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('profile-structure').locator('h1')).toHaveText('Dropped in');
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
});

test('opening a second file replaces the first one’s controls and editor, not adds to them', async ({ page }) => {
  const text = (name: string) => `version: 1\nname: ${name}\nworkers: [2]\nmain:\n  - compute: 1ms\n`;
  await page.goto('/');
  await page.getByTestId('profile-file').setInputFiles({ name: 'first.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text('First')) });
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.getByTestId('profile-file').setInputFiles({ name: 'second.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text('Second')) });
  await expect(page.getByTestId('profile-structure')).toContainText('Second');
  await expect(page.getByTestId('simulate-button')).toHaveCount(1);
  await expect(page.locator('textarea')).toHaveCount(1);
});

test('a second file of the same name is a profile of its own: its text in the editor, none of the first one’s results', async ({ page }) => {
  const text = (name: string) => `version: 1\nname: ${name}\nworkers: [2]\nmain:\n  - compute: 1ms\n`;
  await page.goto('/');
  await page.getByTestId('profile-file').setInputFiles({ name: 'p.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text('First')) });
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.getByTestId('profile-file').setInputFiles({ name: 'p.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text('Second')) });
  await expect(page.getByTestId('profile-structure').locator('h1')).toHaveText('Second');
  // The editor kept First's text, and First's results stayed, said to be edited since.
  await expect(page.getByTestId('profile-editor').locator('textarea')).toHaveValue(text('Second'));
  await expect(page.getByTestId('speedup-chart')).toHaveCount(0);
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
});

test('edits of a built-in are kept when another profile is opened, and Revert goes back to the text as opened', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByTestId('profile-picker');
  await picker.getByRole('button', { name: 'Lock-order inversion (foo and bar)', exact: true }).click();
  const area = page.getByTestId('profile-editor').locator('textarea');
  const original = await area.inputValue();
  await expect(page.getByTestId('profile-edited')).toHaveCount(0);
  await area.fill(`${original}# mine\n`);
  await expect(page.getByTestId('profile-edited')).toBeVisible();
  // Away and back: the edit is there (it was thrown away without a word).
  await picker.getByRole('button', { name: 'Dining philosophers', exact: true }).click();
  await expect(area).not.toHaveValue(/# mine/);
  await picker.getByRole('button', { name: 'Lock-order inversion (foo and bar)', exact: true }).click();
  await expect(area).toHaveValue(`${original}# mine\n`);
  await page.getByTestId('profile-editor').screenshot({ path: 'artifacts/screenshots/profile-edited.png' });
  await page.getByTestId('revert-button').click();
  await expect(area).toHaveValue(original);
  await expect(page.getByTestId('profile-edited')).toHaveCount(0);
});

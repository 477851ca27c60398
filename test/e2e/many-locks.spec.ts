import { expect, test } from '@playwright/test';
import { simulateText } from './simulate-text.js';

// Ten locks: the first four each have one process (never waited on); the last six three each, which
// sleep holding it, so the others wait whatever the scheduling.
const groups = Array.from({ length: 10 }, (_, k) => ({ lock: `lock${k}`, count: k < 4 ? 1 : 3 }));
const TEN_LOCKS = [
  'version: 1',
  'name: Ten locks',
  'workers: [2]',
  'resources:',
  ...groups.map((g) => `  ${g.lock}: lock`),
  'processes:',
  ...groups.flatMap((g, k) => [
    `  g${k}:`,
    `    count: ${g.count}`,
    '    steps:',
    `      - acquire: ${g.lock}`,
    '      - sleep: 2ms',
    `      - release: ${g.lock}`,
  ]),
  '',
].join('\n');

test('many locks: the most waited on are shown in full, the rest as rows of a table', async ({ page }) => {
  await simulateText(page, 'ten-locks.yaml', TEN_LOCKS);
  const card = page.getByTestId('lock-waits');
  const detailed = card.locator('.lock');
  await expect(detailed).toHaveCount(6);
  const shown = await detailed.evaluateAll((els) => els.map((e) => e.getAttribute('data-lock')));
  expect(new Set(shown)).toEqual(new Set(['lock4', 'lock5', 'lock6', 'lock7', 'lock8', 'lock9']));
  const rows = page.getByTestId('lock-rest').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-lock')))).toEqual(['lock0', 'lock1', 'lock2', 'lock3']);
  await expect(rows.first()).toContainText('0.000 ms');
});

// Twenty philosophers, each holding its fork while it waits for the next: a cycle too long to draw.
const TWENTY = [
  'version: 1',
  'name: Twenty philosophers',
  'workers: [4]',
  'resources:',
  ...Array.from({ length: 20 }, (_, k) => `  fork${k}: lock`),
  'processes:',
  ...Array.from({ length: 20 }, (_, k) => [`  p${k}:`, `    - acquire: fork${k}`, '    - sleep: 1ms', `    - acquire: fork${(k + 1) % 20}`]).flat(),
  '',
].join('\n');

test('a deadlock of twenty processes is told in words, every link, without a graph', async ({ page }) => {
  await simulateText(page, 'twenty.yaml', TWENTY);
  const card = page.getByTestId('deadlock-graph');
  await expect(page.getByTestId('deadlock-cycle')).toContainText('p19 holds fork19 and waits for fork0');
  await expect(card).toContainText('The cycle is too long to draw (20 processes)');
  await expect(card.locator('svg')).toHaveCount(0);
});

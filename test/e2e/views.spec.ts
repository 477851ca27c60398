import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { simulateText } from './simulate-text.js';
import { shownRange } from './timeline-head.js';

const SHOTS = 'artifacts/screenshots';
mkdirSync(SHOTS, { recursive: true });

async function open(page: Page, name: string) {
  await page.goto('/');
  await page.getByTestId('profile-picker').getByRole('button', { name, exact: true }).click();
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
}

/** Whether the timeline's canvas has anything drawn on it. */
async function canvasInk(page: Page): Promise<number> {
  return page.getByTestId('timeline-canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let k = 3; k < data.length; k += 4) if (data[k]! > 0) ink++;
    return ink;
  });
}

async function shoot(page: Page, prefix: string) {
  for (const id of ['speedup-chart', 'findings', 'timeline', 'lock-waits', 'deadlock-graph']) {
    await page.getByTestId(id).screenshot({ path: `${SHOTS}/${prefix}-${id}.png` });
  }
}

test('simulating a built-in populates every view', async ({ page }) => {
  await open(page, 'Connection pool (semaphore and condition)');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('speedup-chart').locator('circle.dot.simulated')).toHaveCount(7);
  await expect(page.getByTestId('speedup-table').locator('tbody tr')).toHaveCount(4);
  expect(await canvasInk(page)).toBeGreaterThan(1000);
  await expect(page.getByTestId('timeline')).toContainText('client[7]');
  await expect(page.getByTestId('lock-waits').locator('[data-lock="connections"]')).toContainText('taken');
  await expect(page.getByTestId('deadlock-cycle')).toHaveText('No deadlock in these runs.');
  await expect(page.getByTestId('findings')).toBeVisible();
  // Hover a simulated point: its value and efficiency show.
  await page.getByTestId('speedup-chart').locator('circle.dot.simulated[data-workers="4"]').hover({ force: true });
  await expect(page.getByTestId('speedup-hover')).toContainText('×');
  // Hover the timeline: a tooltip names the process and what it was doing.
  await page.getByTestId('timeline-canvas').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + 30);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('simulated');
  // Near the plot's right end it opens to the left of the pointer, whole inside the window.
  let near: { x: number; y: number } | null = null;
  for (let y = 10; y < box.height && !near; y += 18) {
    await page.mouse.move(box.x + box.width * 0.95, box.y + y);
    if (await page.getByTestId('timeline-tooltip').isVisible()) near = { x: box.x + box.width * 0.95, y };
  }
  expect(near).not.toBeNull();
  const tip = (await page.getByTestId('timeline-tooltip').boundingBox())!;
  expect(tip.x + tip.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(tip.x + tip.width).toBeLessThan(near!.x);
  // Zoom in with Ctrl and the wheel, then reset: the time range shown narrows, then comes back.
  const head = page.getByTestId('timeline').locator('.card-head .muted');
  const full = await head.textContent();
  const [f0, f1] = await shownRange(head);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -600);
  await page.keyboard.up('Control');
  await expect
    .poll(async () => {
      const [z0, z1] = await shownRange(head);
      return z1 - z0;
    })
    .toBeLessThan((f1 - f0) / 2);
  await page.getByTestId('timeline').getByRole('button', { name: 'Reset zoom' }).click();
  await expect(head).toHaveText(full!);
  await page.screenshot({ path: `${SHOTS}/views-overview.png` });
  await shoot(page, 'simulated');
});

test('the foo/bar deadlock is named in the deadlock graph, and a click shows a process in the timeline', async ({ page }) => {
  await open(page, 'Lock-order inversion (foo and bar)');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const graph = page.getByTestId('deadlock-graph');
  await expect(page.getByTestId('deadlock-cycle')).toHaveText(/Deadlock with 2 workers: bar holds b and waits for a; foo holds a and waits for b\./);
  await expect(graph.locator('[data-node="foo"]')).toBeVisible();
  await expect(graph.locator('[data-node="a"]')).toBeVisible();
  await expect(graph.locator('.edge.cycle')).toHaveCount(4);
  await expect(graph).toContainText('Lock-order inversions');
  await expect(page.getByTestId('findings').locator('[data-kind="deadlock"]').first()).toContainText('foo holds a and waits for b');
  await graph.locator('[data-node="foo"]').click();
  await expect(page.getByTestId('timeline').locator('.lane-label.focused')).toHaveText('foo');
  // From the keyboard: Tab moves between process nodes (bar comes before foo), and Space chooses one as a button.
  await graph.locator('[data-node="foo"]').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(graph.locator('[data-node="bar"]')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('timeline').locator('.lane-label.focused')).toHaveText('bar');
  await graph.screenshot({ path: `${SHOTS}/deadlock-graph.png` });
});

test('the results shown are of the profile open: another profile shows none, and an edit since the run is said', async ({ page }) => {
  await open(page, 'Lock-order inversion (foo and bar)');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('findings').locator('[data-kind="deadlock"]').first()).toContainText('foo holds a and waits for b');
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
  // An edit: the results stay, said to be of the text as it was run.
  const area = page.getByTestId('profile-editor').locator('textarea');
  await area.fill(`${await area.inputValue()}# an edit\n`);
  await expect(page.getByTestId('results-stale')).toContainText('it has been edited since');
  await expect(page.getByTestId('findings')).toBeVisible();
  await page.getByTestId('results-stale').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/results-stale.png` });
  // Another profile: nothing of the first one's run is left (its deadlock stayed under the new name).
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Dining philosophers', exact: true }).click();
  await expect(page.locator('h1, h2').filter({ hasText: 'Dining philosophers' }).first()).toBeVisible();
  await expect(page.getByTestId('findings')).toHaveCount(0);
  await expect(page.getByTestId('speedup-chart')).toHaveCount(0);
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
  await expect(page.getByTestId('progress')).not.toHaveAttribute('data-state', 'done');
});

test('a real run shows measured beside simulated', async ({ page }) => {
  await open(page, 'Big sum of A + B');
  await page.getByTestId('workers-input').fill('1, 2');
  await page.getByTestId('reps-input').fill('1');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 80_000 });
  const table = page.getByTestId('speedup-table');
  await expect(table.locator('thead')).toContainText('measured');
  await expect(table.locator('tbody tr').first()).toContainText('ms');
  await expect(page.getByTestId('speedup-chart').locator('circle.dot.measured')).toHaveCount(2);
  await expect(page.getByTestId('timeline')).toContainText('measured');
  await expect(page.getByTestId('timeline')).toContainText('simulated');
  await shoot(page, 'measured');
});

test('a real run can be cancelled', async ({ page }) => {
  await open(page, 'Locks (workers and printers)');
  await page.getByTestId('workers-input').fill('4');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('progress')).toContainText('measuring', { timeout: 60_000 });
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'cancelled', { timeout: 10_000 });
  await expect(page.getByTestId('progress')).toContainText('Cancelled');
  // The app is usable again at once.
  await expect(page.getByTestId('simulate-button')).toBeEnabled();
});

test('a long simulation shows its progress, can be cancelled, and leaves the app answering meanwhile', async ({ page }) => {
  await open(page, 'Big sum of A + B');
  // Work without end and no run_for: simulated until the event budget, some twenty seconds (it held the server all that time).
  const endless = 'version: 1\nname: endless\nworkers: [1]\nmain:\n  - repeat: forever\n    steps:\n      - compute: 1ms\n';
  await page.getByTestId('profile-editor').locator('textarea').fill(endless);
  await expect(page.getByTestId('profile-status')).toHaveText('valid');
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toContainText('simulating', { timeout: 10_000 });
  // The server answers while it runs: another profile's text comes at once.
  const t0 = Date.now();
  const answer = await page.evaluate(async () => (await fetch('/')).status);
  expect(answer).toBe(200);
  expect(Date.now() - t0).toBeLessThan(2000);
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'cancelled', { timeout: 5_000 });
  await expect(page.getByTestId('simulate-button')).toBeEnabled();
});

test('a job whose start was on its way when another profile was opened is cancelled as it arrives, and the new profile simulates', async ({ page }) => {
  await open(page, 'Big sum of A + B');
  const endless = 'version: 1\nname: endless\nworkers: [1]\nmain:\n  - repeat: forever\n    steps:\n      - compute: 1ms\n';
  await page.getByTestId('profile-editor').locator('textarea').fill(endless);
  // The start request takes a second and a half to arrive.
  await page.route('**/api/startJob', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByTestId('simulate-button').click();
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Dining philosophers', exact: true }).click();
  await page.waitForTimeout(2500);
  await page.unroute('**/api/startJob');
  // The app is idle at once: the late job is not taken up (its progress shown, Simulate held back for seconds).
  await expect(page.getByTestId('progress')).not.toHaveAttribute('data-state', 'running', { timeout: 1000 });
  await expect(page.getByTestId('simulate-button')).toBeEnabled({ timeout: 1000 });
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('findings')).toContainText('lock-order inversion on fork0');
});

test('the run controls say what is wrong with a value, and follow the profile’s own sweep until one types counts', async ({ page }) => {
  await open(page, 'Big sum of A + B');
  const workers = page.getByTestId('workers-input');
  await expect(workers).toHaveValue('');
  await expect(workers).toHaveAttribute('placeholder', '1, 2, 4, 8');
  // An edit of the profile's sweep is what Simulate runs while the field is empty.
  const area = page.getByTestId('profile-editor').locator('textarea');
  await area.fill((await area.inputValue()).replace('workers: [1, 2, 4, 8]', 'workers: [1, 3]'));
  await expect(workers).toHaveAttribute('placeholder', '1, 3');
  for (const [field, value, message] of [
    ['workers-input', '1,,2', 'Workers: expected counts from 1 to 1,024 separated by commas, like 1, 2, 4'],
    ['seed-input', '99999999999999999999', 'Seed: expected a whole number from 0 to 9,007,199,254,740,991'],
    ['cores-input', '0', 'Virtual cores: expected a whole number from 1 to 4,096'],
    // It was a number field that turned 500 into 20 and 0 into 1 without a word.
    ['reps-input', '500', 'Repetitions: expected a whole number from 1 to 100'],
  ] as const) {
    await page.getByTestId(field).fill(value);
    await expect(page.getByTestId('controls-problem')).toHaveText(message);
    await expect(page.getByTestId('simulate-button')).toBeDisabled();
    await page.getByTestId(field).fill('');
    await expect(page.getByTestId('controls-problem')).toHaveCount(0);
  }
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('speedup-table').locator('tbody tr td:first-child')).toHaveText(['1', '3']);
});

test('deadlocks of one process each, alike, are one finding row (2,000 of them were 40 rows and "1,960 more")', async ({ page }) => {
  await open(page, 'Big sum of A + B');
  const stuck =
    'version: 1\nname: stuck semaphore\nworkers: [1]\nresources:\n  s: {semaphore: 2000}\n  b: {barrier: 2000}\nprocesses:\n  p:\n    count: 2000\n    steps:\n      - acquire: s\n      - wait: b\n      - acquire: s\n';
  await page.getByTestId('profile-editor').locator('textarea').fill(stuck);
  await page.getByTestId('simulate-button').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const rows = page.getByTestId('findings').locator('[data-kind="deadlock"]');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('2,000 p processes (p[1999], p[0], …, p[1998]) each hold s and wait for s');
});

test('lost updates show as a finding beside the final values', async ({ page }) => {
  // Four processes from the start, incrementing without a lock: on several cores, under any cost model, updates are lost.
  const text = [
    'version: 1',
    'name: Racing counters',
    'workers: [4]',
    'resources:',
    '  counter: {value: 0}',
    'processes:',
    '  w:',
    '    count: 4',
    '    steps:',
    '      - repeat: 500',
    '        steps:',
    '          - increment: counter',
    'expect:',
    '  counter: 2000',
    '',
  ].join('\n');
  await simulateText(page, 'race.yaml', text);
  await expect(page.getByTestId('findings').locator('[data-kind="lost_update"]').first()).toContainText('counter ends at');
  const cell = page.getByTestId('shared-values').locator('tbody tr').first().locator('td').nth(1);
  const value = Number(await cell.textContent());
  expect(value).toBeLessThan(2000);
  await page.getByTestId('findings').screenshot({ path: `${SHOTS}/lost-updates.png` });
});

import { expect, test } from '@playwright/test';
import { simulateText } from './simulate-text.js';

// Four hundred processes: their lanes are far taller than the window the timeline shows them in.
const CROWD = `version: 1
name: A crowd on four cores
workers: [4]
processes:
  crew:
    count: 400
    steps:
      - compute: 1ms
      - sleep: 1ms
      - compute: 1ms
`;

test('a run of hundreds of processes shows its lanes in a scrolling window, each drawn and hovered where it is', async ({ page }) => {
  await simulateText(page, 'crowd.yaml', CROWD);

  const timeline = page.getByTestId('timeline');
  const lanes = page.getByTestId('timeline-lanes');
  const canvas = page.getByTestId('timeline-canvas');
  // The canvas is the window's height, not the lanes' (400 lanes are over 7,000 px), and only the
  // labels near the window are in the page.
  const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ css: c.getBoundingClientRect().height, backing: c.height / devicePixelRatio }));
  expect(size.css).toBeLessThanOrEqual(540);
  expect(size.backing).toBeLessThanOrEqual(540);
  expect(await lanes.evaluate((e) => e.scrollHeight)).toBeGreaterThan(7000);
  expect(await page.locator('.lane-label').count()).toBeLessThan(100);
  await expect(timeline.locator('.card-head')).toContainText('400 lanes');
  await expect(timeline.locator('.card-head')).toContainText('scroll the names for more lanes');

  const ink = () =>
    canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 3; k < data.length; k += 4) if (data[k]! > 0) n++;
      return n;
    });
  expect(await ink()).toBeGreaterThan(1000);
  const picture = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const first = await picture();

  // Scrolled to the end: the last lanes are labelled and drawn (the picture is another), and the canvas stayed in view.
  await lanes.evaluate((e) => (e.scrollTop = e.scrollHeight));
  await lanes.scrollIntoViewIfNeeded();
  await expect(timeline.locator('[data-lane="crew[399]"]')).toBeVisible();
  expect(await ink()).toBeGreaterThan(1000);
  expect(await picture()).not.toBe(first);
  // Measured in one frame, the canvas against the window.
  const inView = await lanes.evaluate((w) => {
    const a = w.getBoundingClientRect();
    const c = w.querySelector('canvas')!.getBoundingClientRect();
    return c.top >= a.top - 1 && c.bottom <= a.bottom + 1;
  });
  expect(inView).toBe(true);
  const box = (await canvas.boundingBox())!;

  // The pointer on a lane's row names that lane, scrolled as it is.
  const label = (await timeline.locator('[data-lane="crew[395]"]').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.05, label.y + label.height / 2);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('crew[395]');
});

// The foo/bar deadlock behind a crowd: their lanes come last, far below the timeline's window.
const CROWD_THEN_DEADLOCK = `version: 1
name: A crowd, then foo and bar
workers: [2]
resources:
  a: lock
  b: lock
processes:
  crowd:
    count: 300
    steps:
      - compute: 1ms
  foo:
    - acquire: a
    - sleep: 10ms
    - acquire: b
    - release: b
    - release: a
  bar:
    - acquire: b
    - sleep: 10ms
    - acquire: a
    - release: a
    - release: b
`;

test('a process chosen in the deadlock graph (from the keyboard) is scrolled into the timeline’s window', async ({ page }) => {
  await simulateText(page, 'crowd-deadlock.yaml', CROWD_THEN_DEADLOCK);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-lane="bar"]')).toHaveCount(0);
  // From the keyboard, as a button: focused, then Enter.
  await page.getByTestId('deadlock-graph').locator('[data-node="bar"]').focus();
  await page.keyboard.press('Enter');
  const label = timeline.locator('.lane-label.focused');
  await expect(label).toHaveText('bar');
  // Measured in one frame: the page itself may still be scrolling smoothly to the timeline.
  const inside = await page.getByTestId('timeline-lanes').evaluate((lanes) => {
    const w = lanes.getBoundingClientRect();
    const l = lanes.querySelector('.lane-label.focused')!.getBoundingClientRect();
    return l.top >= w.top && l.bottom <= w.bottom;
  });
  expect(inside).toBe(true);
});

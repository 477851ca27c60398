import { expect, test } from '@playwright/test';
import { simulateText } from './simulate-text.js';
import { shownRange } from './timeline-head.js';

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
  expect(size.css).toBeGreaterThan(400);
  expect(size.css).toBeLessThanOrEqual(540);
  expect(size.backing).toBeLessThanOrEqual(540);
  expect(await lanes.evaluate((e) => e.scrollHeight)).toBeGreaterThan(7000);
  await expect(timeline.locator('[data-lane="crew[0]"]')).toBeVisible();
  expect(await page.locator('.lane-label').count()).toBeLessThan(100);
  await expect(timeline.locator('.card-head')).toContainText('400 lanes');
  await expect(timeline.locator('.card-head')).toContainText('Ctrl+scroll to zoom, drag to pan, scroll for more lanes');

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

test('over the timeline the wheel scrolls the lanes, Ctrl and the wheel zooms, and a sideways wheel pans', async ({ page }) => {
  await simulateText(page, 'crowd.yaml', CROWD);
  const lanes = page.getByTestId('timeline-lanes');
  const head = page.getByTestId('timeline').locator('.card-head .muted');
  await lanes.scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const range = () => shownRange(head);
  const [w0, w1] = await range();

  // Plain: the lanes scroll, and the time shown stays as it was.
  await page.mouse.wheel(0, 400);
  await expect.poll(() => lanes.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  expect(await range()).toEqual([w0, w1]);

  // With Ctrl, one notch of a mouse's wheel: a zoom by about 1.15 (2^0.2), and the lanes stay where they were.
  const scrolled = await lanes.evaluate((e) => e.scrollTop);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await range())[1] - (await range())[0]).toBeLessThan(w1 - w0);
  const [z0, z1] = await range();
  expect((w1 - w0) / (z1 - z0)).toBeGreaterThan(1.1);
  expect((w1 - w0) / (z1 - z0)).toBeLessThan(1.25);
  expect(await lanes.evaluate((e) => e.scrollTop)).toBe(scrolled);

  // Sideways, zoomed in: the range shown moves later in time, as wide as before (to the head's rounding).
  await page.mouse.wheel(200, 0);
  await expect.poll(async () => (await range())[0]).toBeGreaterThan(z0);
  const [p0, p1] = await range();
  expect(Math.abs(p1 - p0 - (z1 - z0))).toBeLessThan((z1 - z0) * 0.01);
  expect(await lanes.evaluate((e) => e.scrollTop)).toBe(scrolled);
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

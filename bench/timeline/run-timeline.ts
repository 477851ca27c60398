import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import type { TimelineBench } from './harness.js';

/** Renders a million-span timeline in Debian's Chromium and times it. */
export async function timelineBench(): Promise<TimelineBench> {
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'harness.ts')], bundle: true, write: false, format: 'iife', logLevel: 'error' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(() => (window as unknown as { runBench: () => Promise<TimelineBench> }).runBench());
  } finally {
    await browser.close();
  }
}

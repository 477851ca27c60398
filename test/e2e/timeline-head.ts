import type { Locator } from '@playwright/test';

const UNIT: Record<string, number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 };

/** A time as the timeline writes it ("12.500 ms"), in ns. */
function ns(text: string): number {
  const [, n, unit] = /([\d.,]+) (ns|µs|ms|s)/.exec(text)!;
  return Number(n!.replace(/,/g, '')) * UNIT[unit!]!;
}

/** The time range the timeline shows, from its head ("… · 0 ns – 30 ms · …"), in ns. */
export async function shownRange(head: Locator): Promise<readonly [number, number]> {
  const [, from, to] = /· ([^·]+) – ([^·]+) ·/.exec((await head.textContent())!)!;
  return [ns(from!), ns(to!)];
}

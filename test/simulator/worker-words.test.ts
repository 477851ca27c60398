import { describe, expect, it } from 'vitest';
import { sweepText, workersText } from '../../simulator/index.js';

describe('worker counts in words', () => {
  it('says one worker, and any other number of workers', () => {
    expect(workersText(1)).toBe('1 worker');
    expect(workersText(0)).toBe('0 workers');
    expect(workersText(4)).toBe('4 workers');
  });

  it('says a sweep as a list, one worker alone, and none', () => {
    expect(sweepText([1])).toBe('1 worker');
    expect(sweepText([1, 2, 4])).toBe('1, 2, 4 workers');
    expect(sweepText([8])).toBe('8 workers');
    expect(sweepText([])).toBe('no workers');
  });
});

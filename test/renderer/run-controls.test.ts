import { describe, expect, it } from 'vitest';
import { readWhole, readWorkers } from '../../renderer/src/run-controls';

describe('the run controls read what is typed as the command line reads its options', () => {
  it('takes worker counts separated by commas, empty for the profile’s sweep', () => {
    expect(readWorkers('')).toEqual({ counts: null });
    expect(readWorkers(' 1, 2,4 ')).toEqual({ counts: [1, 2, 4] });
    expect(readWorkers('1024')).toEqual({ counts: [1024] });
  });

  it('says what is wrong with worker counts: an empty item (1,,2 went through), a range, a count twice, too many', () => {
    for (const text of ['1,,2', '0', '1025', 'abc', '1 2', '2,'])
      expect(readWorkers(text)).toEqual({ problem: 'Workers: expected counts from 1 to 1,024 separated by commas, like 1, 2, 4' });
    expect(readWorkers('2, 4, 2')).toEqual({ problem: 'Workers: 2 is listed twice' });
    expect(readWorkers(Array.from({ length: 65 }, (_, k) => k + 1).join(','))).toEqual({ problem: 'Workers: 65 counts; at most 64' });
  });

  it('takes a whole number in its range, empty for the default, and says the range otherwise (a seed of 20 digits went through)', () => {
    expect(readWhole('Seed', '', 0, Number.MAX_SAFE_INTEGER)).toEqual({ value: null });
    expect(readWhole('Seed', '0', 0, Number.MAX_SAFE_INTEGER)).toEqual({ value: 0 });
    expect(readWhole('Seed', '99999999999999999999', 0, Number.MAX_SAFE_INTEGER)).toEqual({
      problem: 'Seed: expected a whole number from 0 to 9,007,199,254,740,991',
    });
    // As the command line reads them: 1e3 and 0x10 are not whole numbers written out.
    for (const text of ['1e3', '0x10']) expect(readWhole('Seed', text, 0, Number.MAX_SAFE_INTEGER)).toHaveProperty('problem');
    for (const text of ['0', '4097', '-1', '1.5'])
      expect(readWhole('Virtual cores', text, 1, 4096)).toEqual({ problem: 'Virtual cores: expected a whole number from 1 to 4,096' });
    expect(readWhole('Virtual cores', '4096', 1, 4096)).toEqual({ value: 4096 });
  });
});

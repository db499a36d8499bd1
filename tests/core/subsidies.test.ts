import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import { CacheQueries } from '../../src/core/cache/queries';
import { chinaMonthBounds, computeSubsidies, type HubEvent, type SubsidyRates } from '../../src/domain';
import { COUNTY, simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/**
 * Two simulated months of 大理市 in a desktop cache, served offline by the core (whose scope, with nobody signed in,
 * is the region's root, 大理州), with rates set by the prefecture and, during March, by the city.
 */
const PREFECTURE = '5329';
const PREFECTURE_RATES: SubsidyRates = { simple: 50, ordinary: 150, complex: 350, major: 600 };
const COUNTY_RATES: SubsidyRates = { simple: 40, ordinary: 120, complex: 320, major: 520 };
const simulated = simulateDays('core-subsidies', '2026-04-10', 60);
const rateEvents = [
  { code: PREFECTURE, at: '2026-01-20T01:00:00.000Z', rates: PREFECTURE_RATES },
  { code: COUNTY, at: '2026-03-16T02:00:00.000Z', rates: COUNTY_RATES },
].map(
  ({ code, at, rates }, i) =>
    ({
      seq: 0,
      id: `rates-${i}`,
      type: 'subsidy.configured',
      jurisdiction: code,
      at,
      payload: { jurisdictionCode: code, rates, by: 'admin-1' },
    }) as HubEvent,
);
const log: HubEvent[] = [...simulated.events, ...rateEvents]
  .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  .map((event, i) => ({ ...event, seq: i + 1 }));

const cacheFile = join(tempDir('pingan-subsidies-'), 'cache.db');
const seeded = new LocalCache(cacheFile);
seeded.apply({ after: 0, through: log.length, events: log });
seeded.close();
const core = new DesktopCore({ cacheFile, regionId: 'dali' });
afterAll(() => core.close());

const MONTH = '2026-03';

describe('the core’s subsidy by case', () => {
  it('is the computation over the whole log, with its townships, villages and grids named', async () => {
    const { report, names } = await core.handlers['subsidies.get']({ month: MONTH, scope: COUNTY });
    expect(report).toEqual(computeSubsidies({ events: log, scope: COUNTY, month: MONTH }));
    expect(report.overall.count).toBeGreaterThan(100);
    expect(names[COUNTY]).toBe('大理市');
    for (const row of report.rows) {
      expect(names[row.township]).toMatch(/街道|镇|乡/);
      expect(names[row.village]).toMatch(/[村社区]/);
      if (row.grid) expect(names[row.grid]).toMatch(/第\d+网格$/);
    }
  });

  it('reads only the events the month needs from the cache', () => {
    const queries = new CacheQueries(new LocalCache(cacheFile).db);
    const { start, end } = chinaMonthBounds(MONTH);
    const read = queries.subsidyEvents(start, end);
    expect(read.length).toBeLessThan(log.length * 0.2);
    expect(computeSubsidies({ events: read, scope: PREFECTURE, month: MONTH })).toEqual(
      computeSubsidies({ events: log, scope: PREFECTURE, month: MONTH }),
    );
  });

  it('gives the rates in force in the operator’s jurisdiction and who set them', async () => {
    expect(await core.handlers['subsidyRates.get']({})).toEqual({
      rates: PREFECTURE_RATES,
      configuredAt: PREFECTURE,
    });
  });

  it('exports a CSV with a byte-order mark, Chinese headers, and sums that add up', async () => {
    const { report, names } = await core.handlers['subsidies.get']({ month: MONTH, scope: COUNTY });
    const file = await core.handlers['subsidies.export']({ month: MONTH, scope: COUNTY });
    expect(desktopApiContract['subsidies.export'].output.parse(file)).toEqual(file);
    expect(file.fileName).toBe(`subsidies-${COUNTY}-${MONTH}.csv`);
    expect(
      file.content.startsWith(
        '\uFEFF乡镇（街道）,村（社区）,网格,网格员,简易,一般,复杂,重大疑难,件数合计,补贴金额（元）\r\n',
      ),
    ).toBe(true);
    const [header, ...lines] = parse(file.content.slice(1)) as string[][];
    expect(header).toHaveLength(10);
    const numbers = (line: string[]) => line.slice(4).map(Number);
    const gridLines = lines.filter((line) => !['小计', ''].includes(line[2]!) && line[0] !== '总计');
    expect(gridLines).toHaveLength(report.rows.length);
    expect(file.count).toBe(report.rows.length);

    // Each village's subtotal is the sum of its lines, each township's of its villages', the total of all.
    const sum = (rows: string[][]) =>
      rows.map(numbers).reduce((a, b) => a.map((value, i) => value + b[i]!), [0, 0, 0, 0, 0, 0]);
    for (const village of report.villages) {
      const villageLines = gridLines.filter((line) => line[1] === names[village.village]);
      const subtotal = lines.find((line) => line[1] === names[village.village] && line[2] === '小计')!;
      expect(numbers(subtotal)).toEqual(sum(villageLines));
      expect(numbers(subtotal).at(-1)).toBe(village.amount);
    }
    for (const township of report.townships) {
      const townshipTotal = lines.find((line) => line[0] === names[township.township] && line[1] === '合计')!;
      expect(numbers(townshipTotal)).toEqual(
        sum(gridLines.filter((line) => line[0] === names[township.township])),
      );
    }
    const overall = lines.at(-1)!;
    expect(overall[0]).toBe('总计');
    expect(numbers(overall)).toEqual(sum(gridLines));
    expect(numbers(overall)).toEqual([
      report.overall.cases.simple,
      report.overall.cases.ordinary,
      report.overall.cases.complex,
      report.overall.cases.major,
      report.overall.count,
      report.overall.amount,
    ]);
    expect(gridLines.some((line) => line[2] === '村（社区）调委会')).toBe(true);
    // Each line is one worker's: named as the resolution named them, or said to be unrecorded.
    expect(gridLines.map((line) => line[3])).toEqual(report.rows.map((row) => row.worker ?? '未记录'));
  });

  it.each([
    [{ month: '2026-3' }, /YYYY-MM/],
    [{ month: '2026-00' }, /01 to 12/],
    [{}, /month/],
    [{ month: MONTH, scope: 'dali' }, /scope/],
    [{ month: MONTH, extra: true }, /extra|unrecognized/i],
  ])('refuses %j with a clear reason', (input, reason) => {
    for (const method of ['subsidies.get', 'subsidies.export'] as const) {
      const parsed = desktopApiContract[method].input.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error!.issues)).toMatch(reason);
    }
  });
});

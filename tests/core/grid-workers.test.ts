import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import { openIncident, type Force, type HubEvent, type HubEventDraft } from '../../src/domain';
import { tempDir } from './support/core-harness';

const GRID = '532901003001001';
const OTHER_GRID = '532901003002001';
const AT = '2026-03-10T02:00:00.000Z';

function roll(id: string, grid: string, memberNames: string[]): Force {
  const position = { lng: 100.2, lat: 25.6, at: AT };
  return {
    id,
    kind: 'grid-worker',
    name: `${grid}网格员`,
    jurisdictionCode: grid,
    members: memberNames.length,
    memberNames,
    position,
  };
}

const opened = openIncident(
  {
    id: 'dispute-1',
    kind: 'dispute',
    category: 'neighbourhood',
    title: '宅基地边界纠纷',
    description: '',
    jurisdictionCode: GRID,
    location: [100.2, 25.6],
    address: '大理市',
    reporter: { name: '李某', phone: '13800000000' },
    source: 'grid-worker',
    monitoringPointId: null,
  },
  AT,
);
const drafts: HubEventDraft[] = [
  {
    type: 'forces.registered',
    jurisdiction: GRID.slice(0, 12),
    at: AT,
    payload: {
      forces: [
        roll('gw-1', GRID, ['杨丽华', '段建国']),
        { ...roll('team-1', GRID, ['张某']), kind: 'patrol-team' },
      ],
    },
  },
  {
    type: 'forces.registered',
    jurisdiction: OTHER_GRID.slice(0, 12),
    at: AT,
    payload: { forces: [roll('gw-2', OTHER_GRID, ['赵文'])] },
  },
  ...opened.events,
];
const events = drafts.map((draft, index) => ({ ...draft, seq: index + 1, id: `e-${index + 1}` }) as HubEvent);
const cacheFile = join(tempDir('pingan-grid-workers-'), 'cache.db');
const cache = new LocalCache(cacheFile);
cache.apply({ after: 0, through: events.length, events });
cache.close();
const core = new DesktopCore({ cacheFile, regionId: 'dali' });
afterAll(() => core.close());

describe('an incident’s grid workers', () => {
  it('are its grid’s roll by name, offered when it is resolved, and no one else', async () => {
    const detail = await core.handlers['incident.get']({ id: 'dispute-1' });
    expect(desktopApiContract['incident.get'].output.parse(detail)).toEqual(detail);
    expect(detail!.gridWorkers).toEqual(['杨丽华', '段建国']);
  });
});

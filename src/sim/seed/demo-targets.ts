import {
  addChinaDays,
  chinaDayOf,
  targetSchema,
  type DangerousObjectCategory,
  type HubEventDraft,
  type RiskLevel,
  type SensitivePlaceCategory,
  type Target,
} from '../../domain';
import { placeNameOfVillage } from '../../regions/names';
import { seededRandom } from '../../regions/seeded-random';
import { readRegionTree } from './region-tree';
import { RegionShapes } from './shapes';

const SEED_ACTOR = 'seed';

type Named = (county: string, place: string) => string;

const SENSITIVE_PLACES: readonly {
  category: SensitivePlaceCategory;
  name: Named;
  radius: number;
  note: string;
}[] = [
  {
    category: 'school',
    name: (_c, place) => `${place}中学`,
    radius: 300,
    note: '上下学时段护学岗，周边摊点每周巡查',
  },
  {
    category: 'hospital',
    name: (county) => `${county}人民医院`,
    radius: 500,
    note: '警医联动，门急诊区域重点巡防',
  },
  {
    category: 'station',
    name: (county) => `${county}客运站`,
    radius: 800,
    note: '节假日客流高峰加派巡逻力量',
  },
  {
    category: 'petition-site',
    name: (county) => `${county}群众来访接待中心`,
    radius: 300,
    note: '敏感节点前后加强研判，专人接待疏导',
  },
];

const DANGEROUS_OBJECTS: readonly {
  category: DangerousObjectCategory;
  name: Named;
  holder: Named;
  riskLevel: RiskLevel;
  /** Days before the seeding that it was last inspected, and how often it is to be. */
  inspectedDaysAgo: number;
  inspectEveryDays: number;
}[] = [
  {
    category: 'hazardous-chemicals',
    name: (_c, place) => `${place}危险化学品仓库`,
    holder: (county) => `${county}某某化工有限公司`,
    riskLevel: 'high',
    inspectedDaysAgo: 45,
    inspectEveryDays: 30,
  },
  {
    category: 'fireworks',
    name: (_c, place) => `${place}烟花爆竹批发仓库`,
    holder: (county) => `${county}某某烟花爆竹经营部`,
    riskLevel: 'medium',
    inspectedDaysAgo: 12,
    inspectEveryDays: 90,
  },
  {
    category: 'gas',
    name: (_c, place) => `${place}液化气储配站`,
    holder: (county) => `${county}某某燃气有限公司`,
    riskLevel: 'medium',
    inspectedDaysAgo: 20,
    inspectEveryDays: 30,
  },
];

/**
 * A few fictional dangerous objects and sensitive places per county of the demonstration, in the villages of its
 * seat township, so the registers and their map layers are not empty. Deterministic but for the inspection days,
 * which are counted back from the seeding so one store per county is always overdue.
 */
export function demoTargetEvents(regionId: string, at: string, regionsDir?: string): HubEventDraft[] {
  const tree = readRegionTree(regionId, regionsDir);
  const shapes = new RegionShapes(regionId, ['village'], regionsDir);
  const today = chinaDayOf(Date.parse(at));
  return tree.counties.flatMap((county) => {
    const seat = tree.childrenOf(county.code)[0];
    const villages = seat ? tree.childrenOf(seat.code) : [];
    if (villages.length === 0) return [];
    const random = seededRandom(`demo-targets/${county.code}`);
    const countyName = county.name;
    const placeIn = (n: number) => {
      const village = villages[n % villages.length]!;
      const [lng, lat] = shapes.randomPointIn(village.code, random);
      return { village, location: { lng, lat } };
    };
    const common = (n: number, kind: string) => {
      const { village, location } = placeIn(n);
      return {
        id: `demo-${kind}-${county.code}-${n + 1}`,
        jurisdictionCode: village.code,
        location,
        address: `${countyName}${seat!.name}${placeNameOfVillage(village.name)}`,
        registeredBy: SEED_ACTOR,
        registeredAt: at,
        removal: null,
      };
    };
    const seatPlace = placeNameOfVillage(seat!.name);
    const targets: Target[] = [
      ...SENSITIVE_PLACES.map((template, n) =>
        targetSchema.parse({
          ...common(n, 'sensitive-place'),
          kind: 'sensitive-place',
          name: template.name(countyName, seatPlace),
          category: template.category,
          protectiveRadiusM: template.radius,
          note: template.note,
        }),
      ),
      ...DANGEROUS_OBJECTS.map((template, n) =>
        targetSchema.parse({
          ...common(SENSITIVE_PLACES.length + n, 'dangerous-object'),
          kind: 'dangerous-object',
          name: template.name(countyName, seatPlace),
          category: template.category,
          holder: template.holder(countyName, seatPlace),
          riskLevel: template.riskLevel,
          lastInspectedOn: addChinaDays(today, -template.inspectedDaysAgo),
          inspectEveryDays: template.inspectEveryDays,
          note: '',
        }),
      ),
    ];
    return targets.map((target): HubEventDraft => ({
      type: 'target.registered',
      jurisdiction: target.jurisdictionCode,
      at,
      payload: { target },
    }));
  });
}

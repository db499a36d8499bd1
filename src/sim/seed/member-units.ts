import type { Jurisdiction, MemberUnit, MemberUnitKind } from '../../domain';
import type { RegionTree } from './region-tree';

type DepartmentKind = Exclude<MemberUnitKind, 'township-government' | 'other'>;

/** What each department is called at prefecture and at county level (中级人民法院 vs 人民法院 …). */
const DEPARTMENT_NAMES: Record<DepartmentKind, { prefecture: string; county: string }> = {
  police: { prefecture: '公安局', county: '公安局' },
  court: { prefecture: '中级人民法院', county: '人民法院' },
  procuratorate: { prefecture: '人民检察院', county: '人民检察院' },
  'justice-bureau': { prefecture: '司法局', county: '司法局' },
  'civil-affairs': { prefecture: '民政局', county: '民政局' },
  'petitions-bureau': { prefecture: '信访局', county: '信访局' },
  'human-resources': { prefecture: '人力资源和社会保障局', county: '人力资源和社会保障局' },
  'natural-resources': { prefecture: '自然资源局', county: '自然资源局' },
  housing: { prefecture: '住房和城乡建设局', county: '住房和城乡建设局' },
  health: { prefecture: '卫生健康委员会', county: '卫生健康局' },
  education: { prefecture: '教育体育局', county: '教育体育局' },
  'emergency-management': { prefecture: '应急管理局', county: '应急管理局' },
  'market-regulation': { prefecture: '市场监督管理局', county: '市场监督管理局' },
  transport: { prefecture: '交通运输局', county: '交通运输局' },
  'ecology-environment': { prefecture: '生态环境局', county: '生态环境局' },
  agriculture: { prefecture: '农业农村局', county: '农业农村局' },
};

const DEPARTMENT_KINDS = Object.keys(DEPARTMENT_NAMES) as DepartmentKind[];

/** Readable and stable, so orders and logs can name a unit: `unit-532901-police`. */
export function memberUnitId(jurisdictionCode: string, kind: MemberUnitKind): string {
  return `unit-${jurisdictionCode}-${kind}`;
}

function departmentsOf(jurisdiction: Jurisdiction, level: 'prefecture' | 'county'): MemberUnit[] {
  return DEPARTMENT_KINDS.map((kind) => ({
    id: memberUnitId(jurisdiction.code, kind),
    name: `${jurisdiction.name}${DEPARTMENT_NAMES[kind][level]}`,
    kind,
    jurisdictionCode: jurisdiction.code,
  }));
}

/** A subdistrict (街道) is run by an office, a town or township by its people's government. */
function townshipGovernment(township: Jurisdiction): MemberUnit {
  return {
    id: memberUnitId(township.code, 'township-government'),
    name: township.name.endsWith('街道') ? `${township.name}办事处` : `${township.name}人民政府`,
    kind: 'township-government',
    jurisdictionCode: township.code,
  };
}

/** The prefecture's departments (when the region is a prefecture), each county's, and every township's government. */
export function generateMemberUnits(tree: RegionTree): MemberUnit[] {
  return [
    ...(tree.root.level === 'prefecture' ? departmentsOf(tree.root, 'prefecture') : []),
    ...tree.counties.flatMap((county) => departmentsOf(county, 'county')),
    ...tree.townships.map(townshipGovernment),
  ];
}

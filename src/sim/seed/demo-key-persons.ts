import {
  keyPersonSchema,
  residentIdCheckCharacter,
  type HubEventDraft,
  type KeyPerson,
  type KeyPersonCategory,
} from '../../domain';
import { readRegionTree } from './region-tree';

/** Who registered the demonstration's people: no account, the seeding itself. */
const SEED_ACTOR = 'seed';

interface DemoEntry {
  name: string;
  /** The first 17 characters of the resident ID number: county code, date of birth, sequence. */
  idStem: string;
  category: KeyPersonCategory;
  village: string;
  phone: string | null;
  reason: string;
  measures: string;
  responsible: string;
}

/**
 * A handful of people for the key-person list of the Dali demonstration, so the panel is not empty. Plainly
 * fictional: 某某 names, 1380000 numbers; the ID numbers only have valid check characters, so they pass the
 * same validation a real entry does.
 */
const DEMO_ENTRIES: readonly DemoEntry[] = [
  {
    name: '张某某',
    idStem: '53290119850312031',
    category: 'community-correction',
    village: '532901003001',
    phone: '13800000001',
    reason: '因盗窃罪被判处有期徒刑一年、缓刑二年，在社区矫正期间',
    measures: '每周电话报到，每月走访一次，司法所落实教育帮扶',
    responsible: '李某某',
  },
  {
    name: '王某某',
    idStem: '53290119791102015',
    category: 'released-prisoner',
    village: '532901003003',
    phone: '13800000002',
    reason: '刑满释放未满五年，就业尚未落实',
    measures: '协调参加就业技能培训，网格员每月走访',
    responsible: '赵某某',
  },
  {
    name: '段某某',
    idStem: '53290119750408066',
    category: 'dispute-party',
    village: '532901003002',
    phone: '13800000003',
    reason: '宅基地边界纠纷当事人，双方矛盾有激化苗头',
    measures: '人民调解员跟进调处，网格员每周了解动态',
    responsible: '张某某',
  },
  {
    name: '李某某',
    idStem: '53292219900621042',
    category: 'severe-mental-disorder',
    village: '532922101201',
    phone: null,
    reason: '严重精神障碍患者，曾有肇事肇祸倾向',
    measures: '落实监护责任和免费服药，乡镇卫生院每季度随访',
    responsible: '杨某某',
  },
  {
    name: '杨某某',
    idStem: '53292319680915027',
    category: 'petitioner',
    village: '532923101002',
    phone: '13800000005',
    reason: '因征地补偿问题多次越级上访',
    measures: '包案领导每月接访，依法依规化解合理诉求',
    responsible: '段某某',
  },
  {
    name: '赵某某',
    idStem: '53292419930130053',
    category: 'drug-user',
    village: '532924101001',
    phone: '13800000006',
    reason: '社区康复人员，戒断未满三年',
    measures: '定期检测，禁毒专干每月见面谈话',
    responsible: '苏某某',
  },
  {
    name: '苏某某',
    idStem: '53292520080719082',
    category: 'key-youth',
    village: '532925101101',
    phone: null,
    reason: '辍学闲散青少年，与社会闲散人员交往密切',
    measures: '团委和学校联合帮教，协助复学或参加职业培训',
    responsible: '何某某',
  },
];

/** The demonstration's key persons whose villages lie in the region (none outside Dali), as registrations. */
export function demoKeyPersonEvents(regionId: string, at: string, regionsDir?: string): HubEventDraft[] {
  const tree = readRegionTree(regionId, regionsDir);
  return DEMO_ENTRIES.filter((entry) => tree.get(entry.village)).map((entry, index) => {
    const person: KeyPerson = keyPersonSchema.parse({
      id: `demo-key-person-${index + 1}`,
      name: entry.name,
      idNumber: `${entry.idStem}${residentIdCheckCharacter(entry.idStem)}`,
      category: entry.category,
      jurisdictionCode: entry.village,
      phone: entry.phone,
      reason: entry.reason,
      measures: entry.measures,
      responsible: entry.responsible,
      linkedIncidentIds: [],
      registeredBy: SEED_ACTOR,
      registeredAt: at,
      removal: null,
    });
    return { type: 'key-person.registered', jurisdiction: person.jurisdictionCode, at, payload: { person } };
  });
}

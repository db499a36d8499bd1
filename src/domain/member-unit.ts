import { z } from 'zod';
import { jurisdictionCodeSchema } from './jurisdiction';

/** The departments a centre dispatches to (成员单位): "the centre blows the whistle, departments report in". */
export const MEMBER_UNIT_KINDS = [
  'police',
  'court',
  'procuratorate',
  'justice-bureau',
  'civil-affairs',
  'petitions-bureau',
  'human-resources',
  'natural-resources',
  'housing',
  'health',
  'education',
  'emergency-management',
  'market-regulation',
  'transport',
  'ecology-environment',
  'agriculture',
  'township-government',
  'other',
] as const;
export type MemberUnitKind = (typeof MEMBER_UNIT_KINDS)[number];

export const MEMBER_UNIT_KIND_LABELS: Record<MemberUnitKind, { zh: string; en: string }> = {
  police: { zh: '公安', en: 'Police' },
  court: { zh: '法院', en: 'Court' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  'justice-bureau': { zh: '司法局', en: 'Justice bureau' },
  'civil-affairs': { zh: '民政', en: 'Civil affairs' },
  'petitions-bureau': { zh: '信访局', en: 'Petitions bureau' },
  'human-resources': { zh: '人社', en: 'Human resources and social security' },
  'natural-resources': { zh: '自然资源', en: 'Natural resources' },
  housing: { zh: '住建', en: 'Housing and urban-rural development' },
  health: { zh: '卫健', en: 'Health' },
  education: { zh: '教育', en: 'Education' },
  'emergency-management': { zh: '应急管理', en: 'Emergency management' },
  'market-regulation': { zh: '市场监管', en: 'Market regulation' },
  transport: { zh: '交通运输', en: 'Transport' },
  'ecology-environment': { zh: '生态环境', en: 'Ecology and environment' },
  agriculture: { zh: '农业农村', en: 'Agriculture and rural affairs' },
  'township-government': { zh: '乡镇政府', en: 'Township government' },
  other: { zh: '其他', en: 'Other' },
};

export const memberUnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(MEMBER_UNIT_KINDS),
  jurisdictionCode: jurisdictionCodeSchema,
});
export type MemberUnit = z.infer<typeof memberUnitSchema>;

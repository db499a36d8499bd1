import type { IncidentCategory, IncidentKind, MemberUnitKind } from '../domain';

/**
 * What comes in on an ordinary day, by category: how often, whether it is a dispute to mediate or a case
 * to handle, who handles it, and how reports and resolutions read. `{place}` is the village's name.
 */
export interface CategoryProfile {
  category: IncidentCategory;
  kind: IncidentKind;
  /** Share of the day's reports, relative to the other categories. */
  weight: number;
  /** Member units in order of responsibility; an assignment takes the first one or two. */
  units: readonly MemberUnitKind[];
  titles: readonly string[];
  summaries: readonly string[];
}

export const DAILY_CATEGORIES: readonly CategoryProfile[] = [
  {
    category: 'neighbourhood',
    kind: 'dispute',
    weight: 18,
    units: ['township-government', 'justice-bureau'],
    titles: [
      '{place}两户村民因排水沟占道发生邻里纠纷',
      '{place}居民反映楼上住户长期噪音扰民引发争执',
      '{place}邻里因宅基地边界围墙发生纠纷',
    ],
    summaries: [
      '经村（社区）人民调解委员会组织调解，双方达成和解协议',
      '网格员会同司法所上门调处，双方握手言和',
    ],
  },
  {
    category: 'land-and-forest',
    kind: 'dispute',
    weight: 12,
    units: ['natural-resources', 'township-government'],
    titles: ['{place}两个村民小组因山林权属界线发生纠纷', '{place}村民因承包地界址不清产生争议'],
    summaries: ['自然资源所现场勘界，依据确权资料明确界线，双方认可', '经乡镇调处，双方就林地界线签订协议'],
  },
  {
    category: 'marriage-and-family',
    kind: 'dispute',
    weight: 10,
    units: ['justice-bureau', 'civil-affairs'],
    titles: ['{place}一家庭因老人赡养问题发生矛盾', '{place}夫妻因家庭琐事多次争吵，妇联请求介入'],
    summaries: ['司法所联合妇联上门调解，家庭成员签订赡养协议', '经调解，双方同意和好，网格员持续关注'],
  },
  {
    category: 'labour-wages',
    kind: 'dispute',
    weight: 9,
    units: ['human-resources', 'justice-bureau'],
    titles: ['{place}十余名务工人员反映工地拖欠工资', '{place}务工人员与用工单位因工伤赔偿发生争议'],
    summaries: ['人社部门约谈施工方，拖欠工资已足额支付', '经劳动争议调解，双方就赔偿金额达成一致'],
  },
  {
    category: 'property-management',
    kind: 'dispute',
    weight: 7,
    units: ['housing', 'township-government'],
    titles: ['{place}小区业主与物业公司因收费问题发生纠纷', '{place}小区电梯长期故障，业主集体投诉物业'],
    summaries: ['住建部门督促物业公司整改，收费标准已公示', '物业公司完成电梯维修，业主代表确认'],
  },
  {
    category: 'land-requisition',
    kind: 'dispute',
    weight: 4,
    units: ['natural-resources', 'petitions-bureau'],
    titles: ['{place}村民对征地补偿标准有异议', '{place}群众反映项目征地青苗补偿未到位'],
    summaries: ['政策解释到位，补偿款已按标准兑付', '信访、自然资源部门联合接访，群众表示理解'],
  },
  {
    category: 'traffic',
    kind: 'case',
    weight: 9,
    units: ['police', 'transport'],
    titles: ['{place}路口发生两车刮擦事故，双方争执', '{place}村道有车辆长期违停占道'],
    summaries: ['交警现场处置，双方就赔偿达成一致', '违停车辆已清理，设置警示标志'],
  },
  {
    category: 'public-order',
    kind: 'case',
    weight: 9,
    units: ['police', 'township-government'],
    titles: ['{place}夜市摊点发生口角引发推搡', '{place}有人员深夜聚集饮酒喧哗'],
    summaries: ['派出所民警出警处置，当事人已批评教育', '现场劝离，治安秩序恢复正常'],
  },
  {
    category: 'fraud',
    kind: 'case',
    weight: 5,
    units: ['police'],
    titles: ['{place}村民接到冒充客服电话被骗转账', '{place}老人反映被推销保健品骗取钱财'],
    summaries: ['公安机关已立案侦查，并开展反诈宣传', '涉案商家已查处，部分款项追回'],
  },
  {
    category: 'medical',
    kind: 'dispute',
    weight: 4,
    units: ['health', 'justice-bureau'],
    titles: ['{place}患者家属与卫生院因诊疗结果发生纠纷'],
    summaries: ['医调委介入调解，双方达成赔偿协议'],
  },
  {
    category: 'consumer',
    kind: 'dispute',
    weight: 5,
    units: ['market-regulation'],
    titles: ['{place}消费者投诉商家销售过期食品', '{place}游客反映商铺强制消费'],
    summaries: ['市场监管所调查核实，商家退赔并被责令整改'],
  },
  {
    category: 'environment',
    kind: 'case',
    weight: 4,
    units: ['ecology-environment', 'township-government'],
    titles: ['{place}群众反映养殖场污水直排河道', '{place}有人夜间焚烧垃圾，烟尘扰民'],
    summaries: ['生态环境部门现场执法，责令停止排污并限期整改'],
  },
  {
    category: 'campus',
    kind: 'case',
    weight: 2,
    units: ['education', 'police'],
    titles: ['{place}学校周边有流动摊贩占道经营', '{place}家长反映学生在校内受欺凌'],
    summaries: ['教育、公安部门联合处置，校园周边秩序整治完毕'],
  },
  {
    category: 'other',
    kind: 'dispute',
    weight: 2,
    units: ['township-government', 'petitions-bureau'],
    titles: ['{place}群众反映村内道路照明损坏', '{place}村民对低保评定结果有异议'],
    summaries: ['乡镇已协调修复，群众反映问题办结', '经复核并公示，群众表示认可'],
  },
];

/** A camera's alarm: what the video analytics flagged, and what it becomes once someone has looked. */
export interface AlarmProfile {
  category: IncidentCategory;
  title: string;
}

export const CAMERA_ALARMS: readonly AlarmProfile[] = [
  { category: 'public-order', title: '视频监控发现人员异常聚集' },
  { category: 'public-order', title: '视频监控发现疑似打架斗殴' },
  { category: 'traffic', title: '视频监控发现车辆违停占道' },
  { category: 'environment', title: '视频监控发现河道倾倒垃圾' },
];

/**
 * After a strong earthquake: the closest categories the centre has for building damage, injuries, blocked
 * roads and landslides, plus the order at shelters and broken water supply.
 */
export const EARTHQUAKE_CATEGORIES: readonly CategoryProfile[] = [
  {
    category: 'other',
    kind: 'case',
    weight: 35,
    units: ['housing', 'emergency-management'],
    titles: ['{place}民房受损，墙体开裂，群众不敢回屋', '{place}多户民房部分倒塌，需排查安全隐患'],
    summaries: ['住建部门完成房屋安全鉴定，受损群众已转移安置'],
  },
  {
    category: 'medical',
    kind: 'case',
    weight: 20,
    units: ['health', 'emergency-management'],
    titles: ['{place}有群众在地震中受伤，请求医疗救援', '{place}老人被落石砸伤，需紧急转运'],
    summaries: ['医疗队已到达现场救治，伤员转运至县人民医院'],
  },
  {
    category: 'traffic',
    kind: 'case',
    weight: 20,
    units: ['transport', 'police'],
    titles: ['{place}道路因落石中断，车辆无法通行', '{place}桥梁出现裂缝，需交通管制'],
    summaries: ['交通部门调集机械抢通道路，已恢复单向通行'],
  },
  {
    category: 'land-and-forest',
    kind: 'case',
    weight: 15,
    units: ['natural-resources', 'emergency-management'],
    titles: ['{place}发生山体滑坡，威胁下方农户', '{place}山体出现裂缝，有滑坡隐患'],
    summaries: ['地灾专业队伍完成排查，设置警戒并转移受威胁群众'],
  },
  {
    category: 'public-order',
    kind: 'case',
    weight: 6,
    units: ['police', 'township-government'],
    titles: ['{place}临时安置点人员集中，需维持秩序'],
    summaries: ['公安、联防队员进驻安置点，秩序良好'],
  },
  {
    category: 'other',
    kind: 'case',
    weight: 4,
    units: ['housing', 'township-government'],
    titles: ['{place}饮水管道破裂，群众饮水中断'],
    summaries: ['供水管道抢修完毕，应急送水已保障'],
  },
];

export function titleFor(template: string, place: string): string {
  return template.replaceAll('{place}', place);
}

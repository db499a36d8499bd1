import { INCIDENT_CATEGORY_LABELS } from '../incident';
import { CODE_LENGTH } from '../jurisdiction';
import { refuse } from '../refusal';
import { wording } from '../wording';
import { RISK_LABELS } from '../risk';
import { STAGE_LABELS } from '../stage';
import type { IsoDateTime } from '../time';
import { chineseDate, type OfficialDocument } from './official-document';
import type { OutstandingRisk } from './outstanding-risks';
import type { DraftResult } from './supervision-notice';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function ordinal(index: number): string {
  if (index < 10) return ORDINALS[index]!;
  const tens = Math.floor((index + 1) / 10);
  const ones = (index + 1) % 10;
  return `${tens === 1 ? '' : ORDINALS[tens - 1]}十${ones === 0 ? '' : ORDINALS[ones - 1]}`;
}

export interface RiskWarningRequest {
  /** The unit or township warned, by name. */
  addressee: string;
  /** Whether the risks are the ones the unit handles or the ones in the township. */
  relation: 'handled-by' | 'located-in';
  /** Its outstanding risks, as the list orders them. */
  risks: readonly OutstandingRisk[];
  /** Names of villages by code, for where each risk is. */
  placeNames: Readonly<Record<string, string>>;
  centreName: string;
  issuedAt: IsoDateTime;
  serial: string;
}

/**
 * 风险提示函: the centre's letter to a unit or a township about the outstanding risks in its hands or on its
 * ground, each named, with what it must do about them.
 */
export function draftRiskWarningLetter(request: RiskWarningRequest): DraftResult {
  const { risks } = request;
  if (risks.length === 0) {
    return refuse(
      'precondition-failed',
      `${request.addressee} has no outstanding risk to warn of`,
      wording('noOutstandingRisk', { addressee: request.addressee }),
    );
  }
  const high = risks.filter((risk) => risk.riskLevel === 'high').length;
  const overdue = risks.filter((risk) => risk.reasons.includes('overdue')).length;
  const where = request.relation === 'handled-by' ? '你单位承办的' : '你辖区内';
  const year = chineseDate(request.issuedAt).slice(0, 4);
  const document: OfficialDocument = {
    title: '风险提示函',
    number: `${request.centreName.replace(/综治中心$/, '')}综治提〔${year}〕${request.serial}号`,
    addressee: `${request.addressee}：`,
    paragraphs: [
      `经${request.centreName}研判，${where}矛盾纠纷和案事件中，目前有${risks.length}件突出风险尚未化解，` +
        `其中高风险${high}件、已超过办理时限${overdue}件，存在激化升级的风险，现予提示：`,
      ...risks.map(
        (risk, index) =>
          `（${ordinal(index)}）${risk.title}：${request.placeNames[risk.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? risk.address}，` +
          `${INCIDENT_CATEGORY_LABELS[risk.category].zh}，${RISK_LABELS[risk.riskLevel].zh}，` +
          `现处“${STAGE_LABELS[risk.stage].zh}”环节，${chineseDate(risk.createdAt)}发现` +
          `${risk.reasons.includes('overdue') ? '，已超时' : ''}${risk.reasons.includes('reopened') ? '，回访不满意重新办理' : ''}。`,
      ),
    ],
    requirements: [
      '逐件落实包保领导和责任人，制定化解稳控措施，做到底数清、情况明。',
      '加强动态排查研判，发现苗头性、倾向性问题及时上报，严防个人极端事件发生。',
      '已超时事项须在3日内办结或书面说明原因，化解进展按周报送综治中心。',
    ],
    issuer: request.centreName,
    date: chineseDate(request.issuedAt),
  };
  return { ok: true, document };
}

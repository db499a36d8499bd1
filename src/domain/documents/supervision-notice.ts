import type { Escalation } from '../escalation';
import { formatNoticeNumber, noticeYear, type NoticeNumber } from '../notice-number';
import { INCIDENT_CATEGORY_LABELS, type Incident } from '../incident';
import { refuse, type Refusal } from '../refusal';
import { wording } from '../wording';
import { RISK_LABELS } from '../risk';
import { STAGE_LABELS } from '../stage';
import { toMillis, type IsoDateTime } from '../time';
import { chineseDate, chineseDateTime, type OfficialDocument } from './official-document';

const DAY_MS = 86_400_000;

export interface SupervisionNoticeRequest {
  incident: Incident;
  /** The units handling it, by name: the notice is addressed to them. */
  unitNames: readonly string[];
  /** The village or community it is in. */
  placeName: string;
  /** The issuing centre, e.g. 大理市综治中心. */
  centreName: string;
  /** The deadline of its current stage under the mode and tables in force; null if the stage has none. */
  deadline: IsoDateTime | null;
  /** Why it was escalated, the latest cause; null if it never was. Never the text of a notice. */
  escalation: EscalationCause | null;
  /** The number the hub gave the notice when it was issued, and the name of the centre that issued it. */
  issued: { number: NoticeNumber; centreName: string } | null;
  issuedAt: IsoDateTime;
  /** Days the units have to finish and report back: fewer in wartime. */
  replyWithinDays: number;
}

export type DraftResult = { ok: true; document: OfficialDocument } | Refusal;

/**
 * Why a case is under supervision: an operator escalated it with a reason, or the hub escalated it a level up for
 * being overdue at a stage.
 */
export type EscalationCause =
  { kind: 'by-operator'; reason: string } | { kind: 'overdue'; escalation: Escalation; centreName: string };

/**
 * 文号: the issuing centre's series and the serial the hub gave the notice. A draft not yet issued has no serial,
 * and says so rather than invent one.
 */
function noticeNumber(request: SupervisionNoticeRequest): string {
  if (request.issued) return formatNoticeNumber(request.issued.centreName, request.issued.number);
  const short = request.centreName.replace(/综治中心$/, '');
  return `${short}综治督〔${noticeYear(request.issuedAt)}〕第\u3000号（下发时编号）`;
}

function causeParagraph(cause: EscalationCause): string {
  if (cause.kind === 'by-operator') return `该事项已升级督办，原因：${cause.reason}。`;
  const { escalation, centreName } = cause;
  return (
    `该事项在“${STAGE_LABELS[escalation.stage].zh}”环节超过办理时限（${chineseDateTime(escalation.deadline)}），` +
    `已于${chineseDateTime(escalation.at)}逐级升级至${centreName}督办（第${escalation.level}级）。`
  );
}

/**
 * 督办通知书: the centre's formal notice to the units handling an incident that has gone overdue or been
 * escalated, naming what is late, by when it must be finished, and what follows if it is not.
 */
export function draftSupervisionNotice(request: SupervisionNoticeRequest): DraftResult {
  const { incident, deadline, issuedAt } = request;
  const overdue = deadline !== null && toMillis(issuedAt) > toMillis(deadline);
  if (incident.stage === 'closed')
    return refuse('precondition-failed', `incident ${incident.id} is closed`, wording('incidentClosed'));
  if (!overdue && incident.stage !== 'supervise') {
    return refuse(
      'precondition-failed',
      `incident ${incident.id} is neither overdue nor escalated: a supervision notice is for one that is`,
      wording('supervisionNotOverdue'),
    );
  }
  if (request.unitNames.length === 0) {
    return refuse(
      'precondition-failed',
      `incident ${incident.id} has no unit to address a notice to yet`,
      wording('noUnitToAddress'),
    );
  }
  const category = INCIDENT_CATEGORY_LABELS[incident.category].zh;
  const risk = incident.riskLevel ? RISK_LABELS[incident.riskLevel].zh : '尚未定级';
  const assignedAt = incident.stageEnteredAt.assign;
  const paragraphs = [
    `${chineseDateTime(incident.createdAt)}，${request.placeName}（${incident.address}）发现“${incident.title}”` +
      `（${category}，${risk}）` +
      (assignedAt ? `，经研判于${chineseDateTime(assignedAt)}交由你单位办理。` : '，现由你单位办理。'),
  ];
  if (overdue) {
    const lateDays = Math.max(1, Math.ceil((toMillis(issuedAt) - toMillis(deadline)) / DAY_MS));
    paragraphs.push(
      `截至${chineseDateTime(issuedAt)}，该事项仍处于“${STAGE_LABELS[incident.stage].zh}”环节，` +
        `已超过办理时限（${chineseDateTime(deadline)}）${lateDays}天，未按期办结。`,
    );
  }
  if (request.escalation) paragraphs.push(causeParagraph(request.escalation));
  if (incident.reopenCount > 0) paragraphs.push(`该事项经回访不满意已重新办理${incident.reopenCount}次。`);
  paragraphs.push('根据矛盾纠纷多元化解工作机制，现予挂牌督办。');

  const replyBy = new Date(toMillis(issuedAt) + request.replyWithinDays * DAY_MS).toISOString();
  return {
    ok: true,
    document: {
      title: '督办通知书',
      number: noticeNumber(request),
      addressee: `${request.unitNames.join('、')}：`,
      paragraphs,
      requirements: [
        `请于${chineseDateTime(replyBy)}前办结，并将办理情况书面报送${request.centreName}。`,
        '主要负责同志要亲自研究部署，落实专人跟踪化解，防止矛盾激化升级。',
        '对逾期未办结或敷衍塞责的，将按有关规定予以通报并追究责任。',
      ],
      issuer: request.centreName,
      date: chineseDate(issuedAt),
    },
  };
}

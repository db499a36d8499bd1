import type { TFunction } from 'i18next';
import type { IncidentDetail as Detail } from '../../../src/core/contract/api';
import {
  formatNoticeNumber,
  type Acknowledgement,
  type Escalation,
  type NoticeNumber,
} from '../../../src/domain';

/** An escalation up the chain of centres, in words: the stage it was late in, and who supervises it now. */
function escalationText(escalation: Escalation, detail: Detail, t: TFunction): string {
  return t(`ws.escalation.${escalation.reason}`, {
    stage: t(`stage.${escalation.stage}`),
    centre: detail.centreNames[escalation.to] ?? t('ws.escalation.centreAbove'),
    level: escalation.level,
  });
}

/** Who at the unit signed for an order, and what they said: the parts of an acknowledgement a person reads. */
export function acknowledgementParts(acknowledgement: Acknowledgement | null | undefined, t: TFunction) {
  return {
    signer: acknowledgement?.signedBy ? t('ws.detail.signedBy', { name: acknowledgement.signedBy }) : '',
    note: acknowledgement?.note ? t('ws.detail.ackNote', { note: acknowledgement.note }) : '',
  };
}

/** One entry of an incident's full-process record, in the operator's language. */
export function recordText(entry: Detail['timeline'][number], detail: Detail, t: TFunction) {
  const payload = entry.payload as {
    riskLevel?: string;
    orders?: { unitId: string }[];
    unitId?: string;
    reason?: string | null;
    requirement?: string;
    summary?: string;
    satisfaction?: string;
    note?: string | { text: string };
    state?: { jurisdictionCode: string; mode: string; reason: string };
    escalation?: Escalation;
    notice?: NoticeNumber;
    acknowledgement?: Acknowledgement;
  };
  if (payload.escalation) return escalationText(payload.escalation, detail, t);
  if (payload.notice && payload.requirement) {
    const centre = detail.centreNames[payload.notice.centre] ?? '';
    return t('ws.event.supervision-numbered', {
      number: formatNoticeNumber(centre, payload.notice),
      text: payload.requirement,
    });
  }
  const unit = (id: string) => detail.unitNames[id] ?? id;
  const text =
    payload.reason ??
    payload.requirement ??
    payload.summary ??
    (typeof payload.note === 'object' ? payload.note.text : undefined) ??
    (payload.satisfaction ? `${t(`ws.satisfaction.${payload.satisfaction}`)} ${payload.note ?? ''}` : '');
  return t(`ws.event.${entry.type}`, {
    risk: payload.riskLevel ? t(`risk.${payload.riskLevel}`) : '',
    units: payload.orders?.map((order) => unit(order.unitId)).join('、') ?? '',
    unit: payload.unitId ? unit(payload.unitId) : '',
    ...acknowledgementParts(payload.acknowledgement, t),
    text: payload.state?.reason ?? text,
    place: payload.state ? (detail.placeNames[payload.state.jurisdictionCode] ?? '') : '',
    mode: payload.state ? t(`mode.${payload.state.mode}`) : '',
  });
}

import {
  chinaDayOf,
  CODE_LENGTH,
  draftRiskWarningLetter,
  draftSupervisionNotice,
  isWithin,
  type Escalation,
  type EscalationCause,
  type OfficialDocument,
} from '../../domain';
import { WordedError, wording } from '../../domain/wording';
import type { DesktopApiInput } from '../contract/api';
import { riskListCsv } from '../documents/risk-list-export';
import { incidentDetail } from './incident-detail';
import { outstanding, riskList, riskListNames, type RiskListSources } from './risk-list';
import type { CoreServices, HandlersFor } from './types';

type DocumentMethods =
  'documents.supervisionNotice' | 'documents.riskList' | 'documents.riskWarning' | 'documents.exportRiskList';
type DocumentSources = RiskListSources & Pick<CoreServices, 'queries' | 'session'>;
type Addressee = DesktopApiInput<'documents.riskWarning'>['to'];

/** The centre a document speaks for: the operator's own jurisdiction's. */
function ownCentre({ session, names }: DocumentSources): string {
  const own = session.ownScope();
  return names.centre(own, own);
}

/** The latest escalation in an incident's record: an operator's, with their reason, or the hub's, for being late. */
function escalationCause(
  { names }: DocumentSources,
  timeline: readonly { type: string; payload: unknown }[],
): EscalationCause | null {
  const latest = timeline
    .filter((entry) => entry.type === 'incident.escalated' || entry.type === 'incident.overdue-escalated')
    .at(-1);
  if (!latest) return null;
  if (latest.type === 'incident.escalated')
    return { kind: 'by-operator', reason: (latest.payload as { reason: string }).reason };
  const { escalation } = latest.payload as { escalation: Escalation };
  return { kind: 'overdue', escalation, centreName: names.centre(escalation.to, '') };
}

/** 督办通知书 for an incident in the operator's jurisdiction, drafted from the cache as it stands. */
function supervisionNotice(sources: DocumentSources, incidentId: string): OfficialDocument {
  const detail = incidentDetail(sources, incidentId);
  if (!detail || !isWithin(detail.incident.jurisdictionCode, sources.session.ownScope()))
    throw new WordedError(
      wording('incidentNotInScope', {}, `there is no incident ${incidentId} in this jurisdiction`),
    );
  const { incident } = detail;
  const village = incident.jurisdictionCode.slice(0, CODE_LENGTH.village);
  const drafted = draftSupervisionNotice({
    incident,
    unitNames: incident.assignedUnitIds.map((unitId) => detail.unitNames[unitId] ?? unitId),
    placeName: sources.names.places([village])[village] ?? incident.address,
    centreName: ownCentre(sources),
    deadline: detail.deadline,
    escalation: escalationCause(sources, detail.timeline),
    issued: detail.notice && {
      number: detail.notice,
      centreName: sources.names.centre(detail.notice.centre, ''),
    },
    issuedAt: new Date().toISOString(),
    replyWithinDays: detail.mode === 'wartime' ? 1 : 3,
  });
  if (!drafted.ok) throw new WordedError({ ...drafted.words, message: drafted.reason });
  return drafted.document;
}

/** 风险提示函 to a member unit about the risks it handles, or to a township about those on its ground. */
function riskWarning(sources: DocumentSources, to: Addressee): OfficialDocument {
  const own = sources.session.ownScope();
  const now = Date.now();
  const all = outstanding(sources, own, now);
  const risks =
    to.kind === 'unit'
      ? all.filter((risk) => risk.unitIds.includes(to.unitId))
      : all.filter((risk) => isWithin(risk.jurisdictionCode, to.code));
  const addressee =
    to.kind === 'unit'
      ? (sources.names.units().get(to.unitId)?.name ?? to.unitId)
      : (sources.names.places([to.code])[to.code] ?? to.code);
  const drafted = draftRiskWarningLetter({
    addressee,
    relation: to.kind === 'unit' ? 'handled-by' : 'located-in',
    risks,
    placeNames: riskListNames(sources, own, risks),
    centreName: ownCentre(sources),
    issuedAt: new Date(now).toISOString(),
    serial: `${chinaDayOf(now).replaceAll('-', '').slice(2)}${to.kind === 'unit' ? '' : to.code.slice(-3)}`,
  });
  if (!drafted.ok) throw new WordedError({ ...drafted.words, message: drafted.reason });
  return drafted.document;
}

/** The centre's documents drafted from the cache: supervision notices, the risk list and risk-warning letters. */
export function documentHandlers(sources: DocumentSources): HandlersFor<DocumentMethods> {
  return {
    'documents.supervisionNotice': async ({ incidentId }) => ({
      document: supervisionNotice(sources, incidentId),
    }),
    'documents.riskList': async ({ scope }) => {
      const within = sources.session.scoped(scope);
      return { scope: within, ...riskList(sources, within, Date.now()) };
    },
    'documents.riskWarning': async ({ to }) => ({ document: riskWarning(sources, to) }),
    'documents.exportRiskList': async ({ scope }) => {
      const within = sources.session.scoped(scope);
      const now = Date.now();
      const { rows, dangerousObjects, names } = riskList(sources, within, now);
      return riskListCsv(rows, names, names[within] ?? within, now, dangerousObjects);
    },
  };
}

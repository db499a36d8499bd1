import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, OUTSTANDING_REASON_LABELS, type OutstandingRisk } from '../../../src/domain';
import { formatChinaClock } from '../workspace/time';

/** 突出矛盾风险清单 as a table: on screen in the app's language, printed in Chinese. */
export function RiskListTable({
  rows,
  names,
  printed = false,
}: {
  rows: readonly OutstandingRisk[];
  names: Readonly<Record<string, string>>;
  printed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = printed ? 'zh-CN' : i18n.language;
  const tt = (key: string) => t(key, { lng: language });
  return (
    <table className="risk-list" data-testid={printed ? 'risk-list-printed' : 'risk-list'}>
      <thead>
        <tr>
          <th>{tt('reports.columns.rank')}</th>
          <th>{tt('reports.columns.title')}</th>
          <th>{tt('reports.columns.place')}</th>
          <th>{tt('reports.columns.risk')}</th>
          <th>{tt('reports.columns.stage')}</th>
          <th>{tt('reports.columns.units')}</th>
          <th>{tt('reports.columns.deadline')}</th>
          <th>{tt('reports.columns.reasons')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.incidentId} className={row.reasons.includes('overdue') ? 'overdue' : undefined}>
            <td>{index + 1}</td>
            <td translate="no">{row.title}</td>
            <td translate="no">{names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? row.address}</td>
            <td>
              <span className={`risk risk-${row.riskLevel}`}>{tt(`risk.${row.riskLevel}`)}</span>
            </td>
            <td>{tt(`stage.${row.stage}`)}</td>
            <td translate="no">
              {row.unitIds.length === 0
                ? tt('reports.unassigned')
                : row.unitIds.map((unitId) => names[unitId] ?? unitId).join('、')}
            </td>
            <td>{row.deadline ? formatChinaClock(row.deadline, language) : '—'}</td>
            <td>
              {row.reasons
                .map((reason) => {
                  const label = OUTSTANDING_REASON_LABELS[reason][language === 'en' ? 'en' : 'zh'];
                  const places = (row.sensitivePlaceIds ?? []).map((id) => names[id] ?? '').join('、');
                  return reason === 'near-sensitive-place' && places ? `${label}（${places}）` : label;
                })
                .join('、')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

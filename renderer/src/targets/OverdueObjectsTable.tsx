import { useTranslation } from 'react-i18next';
import {
  CODE_LENGTH,
  RISK_LABELS,
  TARGET_CATEGORY_LABELS,
  type OutstandingDangerousObject,
} from '../../../src/domain';
import './i18n';
import './targets.css';

/** 危险物超期未检查: the dangerous objects on the risk list, on screen in the app's language, printed in Chinese. */
export function OverdueObjectsTable({
  rows,
  names,
  printed = false,
}: {
  rows: readonly OutstandingDangerousObject[];
  names: Readonly<Record<string, string>>;
  printed?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = printed ? 'zh-CN' : i18n.language;
  const language = lng === 'en' ? 'en' : 'zh';
  const columns = ['name', 'category', 'place', 'holder', 'risk', 'lastInspected', 'inspection'];
  return (
    <>
      <h3 className="overdue-objects-title">
        {t('targets.overdueTitle', { lng })}
        <span className="review-count">{rows.length}</span>
      </h3>
      <table
        className="risk-list target-list"
        data-testid={printed ? 'overdue-objects-printed' : 'overdue-objects'}
      >
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column}>{t(`targets.columns.${column}`, { lng })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="overdue">
              <td>{row.name}</td>
              <td>{TARGET_CATEGORY_LABELS[row.category][language]}</td>
              <td>{names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? ''}</td>
              <td>{row.holder}</td>
              <td className={`risk-cell risk-${row.riskLevel}`}>{RISK_LABELS[row.riskLevel][language]}</td>
              <td>{row.lastInspectedOn}</td>
              <td>{t('targets.dueOn', { day: row.inspectionDue, lng })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

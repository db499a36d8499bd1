import { useTranslation } from 'react-i18next';
import type { DangerousObjectRow, SensitivePlaceRow } from '../../../src/core/contract/targets';
import { CODE_LENGTH, RISK_LABELS, TARGET_CATEGORY_LABELS } from '../../../src/domain';

type Row = DangerousObjectRow | SensitivePlaceRow;

interface TableProps<R extends Row> {
  rows: readonly R[];
  names: Readonly<Record<string, string>>;
  /** Null for a role that may only read the registers. */
  actions: ((row: R) => React.ReactNode) | null;
}

function useWords() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh';
  return { t, language } as const;
}

const villageOf = (row: Row, names: Readonly<Record<string, string>>) =>
  names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? '';

/** The columns of a register, and one for the actions where the role may change it. */
function RegisterHead({ columns, withActions }: { columns: readonly string[]; withActions: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column}>{t(`targets.columns.${column}`)}</th>
        ))}
        {withActions && <th>{t('targets.columns.actions')}</th>}
      </tr>
    </thead>
  );
}

/** 危险物: riskiest first, each with its holder and whether its inspection is overdue. */
export function DangerousObjectTable({ rows, names, actions }: TableProps<DangerousObjectRow>) {
  const { t, language } = useWords();
  const columns = ['name', 'category', 'place', 'holder', 'risk', 'lastInspected', 'inspection'];
  return (
    <table className="risk-list target-list" data-testid="dangerous-objects">
      <RegisterHead columns={columns} withActions={actions !== null} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="dangerous-object">
            <td>{row.name}</td>
            <td>{TARGET_CATEGORY_LABELS[row.category][language]}</td>
            <td>{villageOf(row, names)}</td>
            <td>{row.holder}</td>
            <td className={`risk-cell risk-${row.riskLevel}`}>{RISK_LABELS[row.riskLevel][language]}</td>
            <td>{row.lastInspectedOn}</td>
            <td className={row.inspectionOverdue ? 'notice error' : ''}>
              {row.inspectionOverdue ? t('targets.overdue') : t('targets.dueOn', { day: row.inspectionDue })}
            </td>
            {actions && <td className="row-actions">{actions(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 敏感地: by village, each with the radius watched around it. */
export function SensitivePlaceTable({ rows, names, actions }: TableProps<SensitivePlaceRow>) {
  const { t, language } = useWords();
  const columns = ['name', 'category', 'place', 'address', 'radius'];
  return (
    <table className="risk-list target-list" data-testid="sensitive-places">
      <RegisterHead columns={columns} withActions={actions !== null} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="sensitive-place">
            <td>{row.name}</td>
            <td>{TARGET_CATEGORY_LABELS[row.category][language]}</td>
            <td>{villageOf(row, names)}</td>
            <td>{row.address}</td>
            <td>{t('targets.radius', { metres: row.protectiveRadiusM })}</td>
            {actions && <td className="row-actions">{actions(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, KEY_PERSON_CATEGORY_LABELS, type KeyPersonRow } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { UnmaskButton } from '../components/UnmaskButton';

const COLUMNS = [
  'rank',
  'name',
  'idNumber',
  'category',
  'place',
  'phone',
  'reason',
  'measures',
  'responsible',
  'incidents',
] as const;

/**
 * 重点人员清单 as a table, as the core gave the rows (ID numbers and phones masked): on screen in the app's
 * language, printed in Chinese. On screen, a role allowed to unmask sees one person's numbers whole on request.
 */
export function KeyPersonTable({
  rows,
  names,
  printed = false,
  mayUnmask = false,
}: {
  rows: readonly KeyPersonRow[];
  names: Readonly<Record<string, string>>;
  printed?: boolean;
  mayUnmask?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = printed ? 'zh-CN' : i18n.language;
  return (
    <table
      className="risk-list key-person-list"
      data-testid={printed ? 'key-persons-printed' : 'key-persons'}
    >
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column}>{t(`reports.keyPersons.columns.${column}`, { lng: language })}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id}>
            <td>{index + 1}</td>
            <td translate="no">{row.name}</td>
            <td translate="no" className="id-number">
              {row.idNumber}
              {mayUnmask && !printed && (
                <UnmaskButton
                  label={row.name}
                  testId={`key-person-unmask-${row.id}`}
                  reveal={() => desktopApi.call('keyPersons.unmask', { id: row.id })}
                />
              )}
            </td>
            <td>{KEY_PERSON_CATEGORY_LABELS[row.category][language === 'en' ? 'en' : 'zh']}</td>
            <td translate="no">
              {names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? row.jurisdictionCode}
            </td>
            <td translate="no">{row.phone ?? '—'}</td>
            <td translate="no">{row.reason}</td>
            <td translate="no">{row.measures}</td>
            <td translate="no">{row.responsible}</td>
            <td translate="no">{row.linkedIncidentIds.map((id) => names[id] ?? id).join('、') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

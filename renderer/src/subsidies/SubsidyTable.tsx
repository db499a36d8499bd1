import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { DIFFICULTIES, groupBy, type SubsidyReport, type SubsidyTotal } from '../../../src/domain';

/** The month township by township: each township's total, then each village's, then its grid workers' by name. */
export function SubsidyTable({ report, names }: { report: SubsidyReport; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const name = (code: string) => names[code] ?? code;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const cells = (total: SubsidyTotal) => (
    <>
      {DIFFICULTIES.map((difficulty) => (
        <td key={difficulty}>{number(total.cases[difficulty])}</td>
      ))}
      <td>{number(total.count)}</td>
      <td className="subsidy-amount">{number(total.amount)}</td>
    </>
  );
  const rowsOf = groupBy(report.rows, (row) => row.village);
  const villagesOf = groupBy(report.villages, (village) => village.township);

  return (
    <table className="subsidy-table" data-testid="subsidy-table" translate="no">
      <thead>
        <tr>
          <th scope="col">{t('subsidies.place')}</th>
          {DIFFICULTIES.map((difficulty) => (
            <th key={difficulty} scope="col">
              {t(`subsidies.difficulty.${difficulty}`)}
            </th>
          ))}
          <th scope="col">{t('subsidies.count')}</th>
          <th scope="col">{t('subsidies.amount')}</th>
        </tr>
      </thead>
      {report.townships.map((township) => (
        <tbody key={township.township}>
          <tr className="subsidy-township">
            <th scope="rowgroup">{name(township.township)}</th>
            {cells(township)}
          </tr>
          {(villagesOf.get(township.township) ?? []).map((village) => (
            <Fragment key={village.village}>
              <tr className="subsidy-village">
                <th scope="row">{name(village.village)}</th>
                {cells(village)}
              </tr>
              {(rowsOf.get(village.village) ?? []).map((row) => (
                <tr
                  key={`${row.grid ?? row.village}/${row.worker ?? ''}`}
                  className="subsidy-grid"
                  data-testid="subsidy-grid-row"
                >
                  <th scope="row">
                    {row.grid === null ? t('subsidies.villageMediation') : name(row.grid)}
                    {' · '}
                    {row.worker ?? t('subsidies.workerNotRecorded')}
                  </th>
                  {cells(row)}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      ))}
      <tfoot>
        <tr data-testid="subsidy-overall">
          <th scope="row">{t('subsidies.overall')}</th>
          {cells(report.overall)}
        </tr>
      </tfoot>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, type Briefing } from '../../../../src/domain';
import { formatSpan } from '../../workspace/time';

/** The ten highest risks open: high first, the oldest first, overdue ones marked. */
export function TopRisksSlide({ briefing, names }: { briefing: Briefing; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  if (briefing.topRisks.length === 0) return <p className="slide-empty">{t('briefing.topRisks.none')}</p>;
  const asOf = Date.parse(briefing.asOf);
  return (
    <table className="top-risks" data-testid="briefing-top-risks">
      <thead>
        <tr>
          <th>{t('briefing.topRisks.rank')}</th>
          <th>{t('briefing.topRisks.title')}</th>
          <th>{t('briefing.topRisks.place')}</th>
          <th>{t('briefing.topRisks.stage')}</th>
          <th>{t('briefing.topRisks.age')}</th>
        </tr>
      </thead>
      <tbody>
        {briefing.topRisks.map((risk, index) => (
          <tr key={risk.id} className={risk.overdue ? 'overdue' : undefined}>
            <td>{index + 1}</td>
            <td>
              <span className={`risk risk-${risk.riskLevel ?? 'ungraded'}`}>
                {t(`risk.${risk.riskLevel ?? 'ungraded'}`)}
              </span>{' '}
              <span translate="no">{risk.title}</span>
              {risk.overdue && <span className="overdue-badge">{t('briefing.topRisks.overdue')}</span>}
            </td>
            <td translate="no">
              {names[risk.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? risk.address}
            </td>
            <td>{t(`stage.${risk.stage}`)}</td>
            <td>{formatSpan(asOf - Date.parse(risk.createdAt), i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { CODE_LENGTH, type Briefing } from '../../../src/domain';
import './i18n';
import './targets.css';

/**
 * 危险物与敏感地 at the end of the period: how many are registered, the dangerous objects overdue for inspection
 * and the open incidents inside a sensitive place's protective radius.
 */
export function TargetsSlide({ briefing, names }: { briefing: Briefing; names: Record<string, string> }) {
  const { t } = useTranslation();
  const { targets } = briefing;
  const rows = [
    ...targets.overdueInspections.map((object) => ({
      key: `do/${object.id}`,
      risk: object.riskLevel,
      what: object.name,
      place: names[object.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? '',
      why: t('targets.slide.overdueSince', { day: object.inspectionDue }),
    })),
    ...targets.nearSensitivePlaces.map((near) => ({
      key: `near/${near.incidentId}`,
      risk: near.riskLevel ?? 'ungraded',
      what: near.title,
      place: near.placeName,
      why: t('targets.slide.nearPlace'),
    })),
  ];
  return (
    <div data-testid="briefing-targets">
      <p className="targets-slide-note">
        {t('targets.slide.registered', {
          places: targets.sensitivePlaces,
          objects: targets.dangerousObjects,
        })}
      </p>
      {rows.length === 0 ? (
        <p className="slide-empty">{t('targets.slide.none')}</p>
      ) : (
        <table className="top-risks">
          <thead>
            <tr>
              <th>{t('targets.slide.what')}</th>
              <th>{t('targets.slide.place')}</th>
              <th>{t('targets.slide.why')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>
                  <span className={`risk risk-${row.risk}`}>{t(`risk.${row.risk}`)}</span>{' '}
                  <span translate="no">{row.what}</span>
                </td>
                <td translate="no">{row.place}</td>
                <td>{row.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

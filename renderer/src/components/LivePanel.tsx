import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type Incident } from '../../../src/domain';
import { useLiveQuery } from '../hooks/useDesktop';
import { StaleNote } from '../links/StaleNote';
import { useSay } from '../words/say';

const INCIDENT_KINDS = ['incident'] as const;
const COUNT_KINDS = ['incident', 'monitoring-point', 'force'] as const;

function Tile({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className="tile" data-testid={testId}>
      <span className="tile-value">{value}</span>
      <span className="tile-label">{label}</span>
    </div>
  );
}

function IncidentRow({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const risk = incident.riskLevel ?? 'ungraded';
  return (
    <tr data-testid="incident-row">
      <td className="mono">{incident.id}</td>
      <td translate="no">{incident.title}</td>
      <td>
        <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
      </td>
      <td>{t(`stage.${incident.stage}`)}</td>
      <td>
        {new Date(incident.updatedAt).toLocaleTimeString(i18n.language, {
          hour12: false,
          timeZone: 'Asia/Shanghai',
        })}
      </td>
    </tr>
  );
}

/** What is happening now in the operator's scope, refreshed as the stream brings changes. */
export const LivePanel = memo(function LivePanel() {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const counts = useLiveQuery('counts.get', {}, COUNT_KINDS);
  const latest = useLiveQuery('incidents.list', { limit: 12 }, INCIDENT_KINDS);

  if (counts.state !== 'ready') {
    return <p className="notice">{counts.state === 'failed' ? say(counts.error) : t('live.loading')}</p>;
  }
  const { incidentsByStage, monitoringByStatus, incidentsByRisk, forces } = counts.value;
  const open = STAGES.filter((stage) => stage !== 'closed').reduce(
    (sum, stage) => sum + (incidentsByStage[stage] ?? 0),
    0,
  );
  const points = Object.values(monitoringByStatus).reduce((sum, n) => sum + n, 0);
  const online = monitoringByStatus.online ?? 0;
  const number = (n: number) => n.toLocaleString(i18n.language);

  return (
    <section className="live" data-testid="live-panel">
      <StaleNote />
      <div className="tiles">
        <Tile testId="kpi-open" value={number(open)} label={t('live.open')} />
        <Tile testId="kpi-high" value={number(incidentsByRisk.high ?? 0)} label={t('live.highRisk')} />
        <Tile
          testId="kpi-online"
          value={points === 0 ? '—' : `${((online / points) * 100).toFixed(1)}%`}
          label={t('live.cameraOnline', { count: points, formatted: number(points) })}
        />
        <Tile testId="kpi-forces" value={number(forces)} label={t('live.forces')} />
      </div>
      <h3>{t('live.latest')}</h3>
      {latest.state === 'ready' && latest.value.items.length > 0 ? (
        <table className="incident-table">
          <thead>
            <tr>
              <th>{t('incident.id')}</th>
              <th>{t('incident.title')}</th>
              <th>{t('incident.risk')}</th>
              <th>{t('incident.stage')}</th>
              <th>{t('incident.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.value.items.map((incident) => (
              <IncidentRow key={incident.id} incident={incident} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="notice">{t('live.none')}</p>
      )}
    </section>
  );
});

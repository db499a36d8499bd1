import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, TIMED_STAGES, type RiskLevel, type TimedStage } from '../../../src/domain';

/** One mode's SLA table laid out as the centres print it: a row per stage, a column per risk level. */
export function SlaGrid({
  caption,
  cell,
}: {
  caption?: ReactNode;
  cell(stage: TimedStage, risk: RiskLevel): ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th>{t('ws.sla.stage')}</th>
          {RISK_LEVELS.map((risk) => (
            <th key={risk}>{t(`risk.${risk}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {TIMED_STAGES.map((stage) => (
          <tr key={stage}>
            <td>{t(`stage.${stage}`)}</td>
            {RISK_LEVELS.map((risk) => cell(stage, risk))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

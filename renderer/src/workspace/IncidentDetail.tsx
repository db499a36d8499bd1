import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, Wording } from '../../../src/domain';
import { ActionPanel } from './ActionPanel';
import { CommandList } from './detail/CommandList';
import { IncidentRecord } from './detail/IncidentRecord';
import { IncidentFacts, IncidentHeading } from './detail/IncidentSummary';
import { OrderList } from './detail/OrderList';
import { PresenceLine, usePresence } from './detail/Presence';
import { SupervisionNotice } from './detail/SupervisionNotice';
import { useIncidentDetail } from './detail/useIncidentDetail';
import { useIncidentCommands } from './useIncidentCommands';
import { useSay } from '../words/say';
import { CameraVideo } from '../video/VideoPanel';

/**
 * The selected incident: what it is and where it stands, who else has it open, the orders given, the actions
 * the role may take, the commands sent from here, and its record.
 */
export function IncidentDetail({
  id,
  role,
  self,
  onClose,
}: {
  id: string;
  role: Role;
  self?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const detail = useIncidentDetail(id);
  const viewers = usePresence(id, self);
  const commands = useIncidentCommands(id);
  const [submitError, setSubmitError] = useState<Wording | null>(null);

  if (detail === undefined)
    return <section className="incident-detail notice">{t('ws.detail.loading')}</section>;
  if (detail === null) return <section className="incident-detail notice">{t('ws.detail.gone')}</section>;
  const { incident } = detail;
  const now = new Date().toISOString();

  return (
    <section
      className="incident-detail"
      data-testid="incident-detail"
      data-incident-id={incident.id}
      data-version={incident.version}
    >
      <IncidentHeading detail={detail} onClose={onClose} />
      <SupervisionNotice detail={detail} role={role} now={now} />
      <PresenceLine viewers={viewers} />
      <IncidentFacts incident={incident} role={role} />
      {incident.monitoringPointId && (
        // A camera's alarm shows the camera at once: opening the alarm in the queue is the one click.
        <section className="alarm-camera" data-testid="alarm-camera">
          <h3>{t('ws.detail.alarmCamera')}</h3>
          <CameraVideo cameraId={incident.monitoringPointId} name={incident.address} />
        </section>
      )}
      <OrderList detail={detail} now={now} />
      <ActionPanel
        detail={detail}
        role={role}
        onSubmit={(draft) => {
          setSubmitError(null);
          void commands.submit(draft).then(setSubmitError);
        }}
      />
      {submitError && <p className="notice error">{say(submitError)}</p>}
      <CommandList entries={commands.entries} detail={detail} />
      <IncidentRecord detail={detail} />
    </section>
  );
}

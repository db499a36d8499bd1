import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESENCE_RENEW_MS, type Viewer } from '../../../../src/core/contract/presence';
import { desktopApi } from '../../api-client';

/** Who else has the incident open, as the hub reports it; this screen's own account is left out. */
export function usePresence(id: string, self: string | undefined): Viewer[] {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    setViewers([]);
    let cancelled = false;
    // Restated while the page shows it, so the others' screens drop this one within seconds of it closing.
    const restate = () =>
      void desktopApi
        .call('incident.open', { id })
        .then((result) => !cancelled && result.ok && setViewers(result.value.viewers));
    restate();
    const renewal = setInterval(restate, PRESENCE_RENEW_MS);
    const stop = desktopApi.on(
      'presence',
      (presence) => presence.incidentId === id && setViewers(presence.viewers),
    );
    return () => {
      cancelled = true;
      clearInterval(renewal);
      stop();
      void desktopApi.call('incident.open', { id: null });
    };
  }, [id]);
  return viewers.filter((viewer) => viewer.accountId !== self);
}

/** Says who else is looking at the incident. */
export function PresenceLine({ viewers }: { viewers: Viewer[] }) {
  const { t } = useTranslation();
  return (
    <p className="presence" data-testid="presence">
      {viewers.length > 0
        ? t('ws.detail.alsoViewing', {
            names: viewers.map((v) => `${v.name}（${t(`role.${v.role}`)}）`).join('、'),
          })
        : t('ws.detail.onlyYou')}
    </p>
  );
}

import { useEffect, useState } from 'react';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import { desktopApi } from '../../api-client';

/** The incident's detail, fetched again whenever the cache changes something of it. */
export function useIncidentDetail(id: string): IncidentDetail | null | undefined {
  const [detail, setDetail] = useState<IncidentDetail | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void desktopApi.call('incident.get', { id }).then((result) => {
        if (!cancelled) setDetail(result.ok ? result.value : null);
      });
    setDetail(undefined);
    load();
    const stop = desktopApi.on('changed', (change) => {
      const touched =
        change.ids === null ||
        change.ids.incident?.includes(id) ||
        change.ids.order?.some((orderId) => orderId.startsWith(`${id}/`)) ||
        (change.ids.note?.length ?? 0) > 0 ||
        change.kinds.includes('mode');
      if (touched) load();
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [id]);
  return detail;
}

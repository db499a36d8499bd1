import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntryView } from '../../../src/core/contract/api';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { submitCommand, type CommandDraft } from './submit-command';

function concerns(entry: OutboxEntryView, incidentId: string): boolean {
  return 'incidentId' in entry.command && entry.command.incidentId === incidentId;
}

/**
 * The operator's commands on one incident, as the outbox holds them: queued while offline, then accepted or
 * refused with the hub's reason. Submitting never waits for the hub; the answer arrives as an event.
 */
export function useIncidentCommands(incidentId: string) {
  const [entries, setEntries] = useState<OutboxEntryView[]>([]);

  useEffect(() => {
    let cancelled = false;
    setEntries([]);
    void desktopApi.call('outbox.list', { limit: 200 }).then((result) => {
      if (!cancelled && result.ok) setEntries(result.value.filter((entry) => concerns(entry, incidentId)));
    });
    const stop = desktopApi.on('command-settled', (settled) => {
      if (!concerns(settled, incidentId)) return;
      setEntries((current) =>
        current.some((entry) => entry.commandId === settled.commandId)
          ? current.map((entry) => (entry.commandId === settled.commandId ? settled : entry))
          : [settled, ...current],
      );
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [incidentId]);

  const submit = useCallback(async (draft: CommandDraft): Promise<Wording | null> => {
    const result = await submitCommand(draft);
    if (!result.ok) return result.error;
    // The answer may have overtaken the reply to the submit: keep whichever is settled.
    setEntries((current) =>
      current.some((entry) => entry.commandId === result.value.commandId)
        ? current
        : [result.value, ...current],
    );
    return null;
  }, []);

  return { entries, submit };
}

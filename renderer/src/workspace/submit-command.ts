import type { CommandDraft, OperatorCommand } from '../../../src/domain';
import { desktopApi } from '../api-client';

export type { CommandDraft };

/** Gives the command its id, once, and hands it to the outbox: the hub's answer arrives as an event. */
export function submitCommand(draft: CommandDraft) {
  const command = { ...draft, commandId: crypto.randomUUID() } as OperatorCommand;
  return desktopApi.call('commands.submit', { command });
}

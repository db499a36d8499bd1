import type { OperatorCommand } from '../../../src/domain';
import { desktopApi } from '../api-client';

/** Distributes the command types across `OperatorCommand` so each keeps its own fields. */
type WithoutId<C> = C extends unknown ? Omit<C, 'commandId'> : never;
/** A command as the operator composes it, before it is given the id that makes a retry harmless. */
export type CommandDraft = WithoutId<OperatorCommand>;

/** Gives the command its id, once, and hands it to the outbox: the hub's answer arrives as an event. */
export function submitCommand(draft: CommandDraft) {
  const command = { ...draft, commandId: crypto.randomUUID() } as OperatorCommand;
  return desktopApi.call('commands.submit', { command });
}

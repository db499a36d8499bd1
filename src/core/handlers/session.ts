import type { CoreServices, HandlersFor } from './types';

type SessionMethods = 'session.status' | 'region.overview' | 'commands.submit' | 'outbox.list';

/** The session, the region it serves, and the operator's commands on their way to the hub. */
export function sessionHandlers({
  status,
  regions,
  submit,
  outbox,
}: Pick<CoreServices, 'status' | 'regions' | 'submit' | 'outbox'>): HandlersFor<SessionMethods> {
  return {
    'session.status': async () => status(),
    'region.overview': async () => regions.overview,
    'commands.submit': async ({ command }) => submit(command),
    'outbox.list': async ({ limit }) => outbox.recent(limit),
  };
}

import { exportQueue } from '../queue/queue-export';
import type { CoreServices, HandlersFor } from './types';

/** The incident queue (工单队列): a window of it for the screen, and all of it as a spreadsheet. */
export function queueHandlers({
  queue,
  session,
  queueRules,
}: Pick<CoreServices, 'queue' | 'session' | 'queueRules'>): HandlersFor<'queue.window' | 'queue.export'> {
  return {
    'queue.window': async ({ filter, sort, offset, limit }) =>
      queue.window({ ...filter, scope: session.scoped(filter.scope) }, sort, offset, limit, queueRules()),
    'queue.export': async ({ filter, sort, format }) =>
      exportQueue(
        queue.all({ ...filter, scope: session.scoped(filter.scope) }, sort, queueRules()),
        format,
        new Date(),
      ),
  };
}

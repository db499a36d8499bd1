import { toMillis } from '../../domain';
import type { CoreServices, HandlersFor } from './types';

/** The map as it stood at a moment of a shift, replayed from the cache. */
export function replayHandlers({
  shiftReplay,
  session,
}: Pick<CoreServices, 'shiftReplay' | 'session'>): HandlersFor<'replay.frame'> {
  return {
    'replay.frame': async ({ shift, at, scope }) =>
      shiftReplay.frame(shift, session.scoped(scope), toMillis(at)),
  };
}

import { startOfChinaDay } from '../../domain';
import { buildWarRoom } from '../war-room';
import type { CoreServices, HandlersFor } from './types';

/** The war room (作战室): today's orders by unit and the forces on the ground. */
export function warRoomHandlers({
  queries,
  queue,
  session,
  names,
}: Pick<CoreServices, 'queries' | 'queue' | 'session' | 'names'>): HandlersFor<'warRoom.get'> {
  return {
    'warRoom.get': async ({ scope }) => {
      const within = session.scoped(scope);
      const now = new Date();
      // Today's orders: the centres' day is China's, whatever the machine's time zone.
      const since = new Date(startOfChinaDay(now.getTime()));
      return buildWarRoom({
        since,
        now,
        orders: queries.ordersIssuedSince(within, since.toISOString()),
        incident: (id) => queue.get(id),
        units: names.units(),
        forces: queries.forces(within),
      });
    },
  };
}

import { targetRegisterView } from '../documents/target-register';
import type { CoreServices, HandlersFor } from './types';

/** The registers of dangerous objects and sensitive places (危险物, 敏感地) of a scope, for every role. */
export function targetHandlers({
  cache,
  session,
  names,
}: Pick<CoreServices, 'cache' | 'session' | 'names'>): HandlersFor<'targets.register'> {
  return {
    'targets.register': async ({ scope }) => {
      const view = targetRegisterView(cache.db, session.scoped(scope), Date.now());
      return { ...view.register, names: names.places([view.register.scope, ...view.places]) };
    },
  };
}

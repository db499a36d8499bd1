import type { CoreServices, HandlersFor } from './types';

type SignInMethods =
  'session.changePassword' | 'session.enrolTotp' | 'session.confirmTotp' | 'session.submitTotp';

/** Finishing the sign-in: the steps the hub asks a person to take before it serves this desktop. */
export function signInHandlers({
  signInSteps,
}: Pick<CoreServices, 'signInSteps'>): HandlersFor<SignInMethods> {
  return {
    'session.changePassword': ({ oldPassword, newPassword }) =>
      signInSteps.changePassword(oldPassword, newPassword),
    'session.enrolTotp': () => signInSteps.enrolTotp(),
    'session.confirmTotp': ({ code }) => signInSteps.confirmTotp(code),
    'session.submitTotp': ({ code }) => signInSteps.submitTotp(code),
  };
}

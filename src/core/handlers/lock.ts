import { wording, WordedError, type MessageCode } from '../../domain/wording';
import type { PasswordCheck } from '../hub-api/password-check';
import type { CoreServices, HandlersFor } from './types';

type LockMethods = 'session.activity' | 'session.unlock';

/** What the operator is told when the password did not unlock the screen. */
const REFUSAL: Record<Exclude<PasswordCheck, 'right'>, MessageCode> = {
  wrong: 'wrongPassword',
  'account-locked': 'accountLocked',
  'code-required': 'totpCodeRequired',
  unreachable: 'hubUnreachable',
  refused: 'hubUnavailable',
};

/** The idle lock: the operator's input keeps the screen open, and the password (an administrator's with the app's code) opens it again. */
export function lockHandlers({
  idleLock,
  checkPassword,
  lockChanged,
}: Pick<CoreServices, 'idleLock' | 'checkPassword' | 'lockChanged'>): HandlersFor<LockMethods> {
  return {
    'session.activity': async () => {
      idleLock.activity();
      return { locked: idleLock.isLocked() };
    },
    'session.unlock': async ({ password, totpCode }) => {
      const check = await checkPassword(password, totpCode);
      if (check !== 'right') {
        throw new WordedError(
          wording(REFUSAL[check], {}, `the screen stays locked: the hub's answer was ${check}`),
        );
      }
      idleLock.unlock();
      lockChanged();
      return { unlocked: true as const };
    },
  };
}

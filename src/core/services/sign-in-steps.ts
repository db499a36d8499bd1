import {
  PASSWORD_PROBLEM_CODES,
  wording,
  WordedError,
  type PasswordProblemCode,
  type Wording,
} from '../../domain';
import { HubSignInError, HubStepRefused, type HubSession } from '../sync/hub-session';

/** What a step's handler needs of the core: the hub session, and the word that a step was taken. */
export interface SignInStepsDeps {
  session: HubSession | undefined;
  /** A step was taken (or refused): the status says what is pending now, and the stream connects once none is. */
  stepTaken: () => void;
}

const isPasswordProblem = (code: string): code is PasswordProblemCode =>
  (PASSWORD_PROBLEM_CODES as readonly string[]).includes(code);

/** The policy's problems as the hub worded them (codes this desktop knows how to say). */
function policyProblems(words: { code: string; params: Wording['params'] }[]): Wording[] {
  const known = words.filter((word) => isPasswordProblem(word.code)) as Wording[];
  return known.length > 0 ? known : [wording('hubUnavailable', {}, 'the hub refused the password unworded')];
}

/** A step's refusal by the hub as the words a person reads. */
function refusalWording(error: unknown): Wording {
  if (error instanceof HubStepRefused) {
    const { status, code, message } = error.refusal;
    if (code === 'wrong-totp-code' || code === 'totp-required') return wording('wrongTotpCode', {}, message);
    if (status === 401) return wording('wrongPassword', {}, message);
    if (status === 429 || status === 423) return wording('accountLocked', {}, message);
    return wording('hubUnavailable', {}, message);
  }
  if (error instanceof HubSignInError) {
    if (error.code === 'totp-required') return wording('wrongTotpCode', {}, error.message);
    if (error.code === 'bad-credentials') return wording('wrongPassword', {}, error.message);
    if (error.code === 'too-many-attempts') return wording('accountLocked', {}, error.message);
    return wording('signInStepNotPending', {}, error.message);
  }
  return wording('hubUnreachable', {}, (error as Error).message);
}

/** Runs a step against the hub; a refusal reaches the screen worded, and the status hears either way. */
async function step<T>(deps: SignInStepsDeps, run: (session: HubSession) => Promise<T>): Promise<T> {
  const session = deps.session;
  if (!session) throw new WordedError(wording('hubUnreachable', {}, 'this desktop runs without a hub'));
  try {
    return await run(session);
  } catch (error) {
    throw new WordedError(refusalWording(error));
  } finally {
    deps.stepTaken();
  }
}

/** The secret and the names an `otpauth://totp/Issuer:account?secret=…` URI carries. */
export function readOtpauthUri(uri: string): { secret: string; issuer: string; label: string } {
  const url = new URL(uri);
  const label = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  const secret = url.searchParams.get('secret') ?? '';
  const [prefix, account] = label.includes(':') ? label.split(':', 2) : ['', label];
  const issuer = url.searchParams.get('issuer') ?? prefix ?? '';
  // The account as the app lists it, without the issuer it is shown beside.
  return { secret, issuer, label: account ?? label };
}

/**
 * The steps a person takes to finish the sign-in: a new password, enrolling an authenticator app, the app's
 * code. Passwords, codes and secrets pass through to the hub and are never logged.
 */
export function signInSteps(deps: SignInStepsDeps) {
  return {
    changePassword: async (oldPassword: string | undefined, newPassword: string) => {
      let problems: Wording[] = [];
      await step(deps, (session) =>
        session.changePassword(oldPassword, newPassword).catch((error: unknown) => {
          // The policy's refusal is an answer, not a failure: the problems go back worded, nothing changed.
          if (!(error instanceof HubStepRefused) || error.refusal.code !== 'password-policy') throw error;
          problems = policyProblems(error.refusal.words);
        }),
      );
      return { changed: problems.length === 0, problems };
    },
    enrolTotp: async () => {
      const uri = await step(deps, (session) => session.enrolTotp());
      return { uri, ...readOtpauthUri(uri) };
    },
    confirmTotp: async (code: string) => {
      await step(deps, (session) => session.confirmTotp(code));
      return { signedIn: true as const };
    },
    submitTotp: async (code: string) => {
      await step(deps, (session) => session.submitTotp(code));
      return { signedIn: true as const };
    },
  };
}

export type SignInSteps = ReturnType<typeof signInSteps>;

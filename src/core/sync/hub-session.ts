import {
  apiErrorBodySchema,
  loginAnswerSchema,
  refreshAnswerSchema,
  totpEnrolmentAnswerSchema,
  type LoginAnswer,
  type LoginBody,
  type SignedInAccount,
  type Tokens,
} from '../../protocol';
import type { SignInRefusal, SignInStep } from '../contract/api';

/** How long a request to the hub may go unanswered, its body included, before it counts as failed. */
const HUB_REQUEST_TIMEOUT_MS = 20_000;

export type { SignedInAccount } from '../../protocol';

/** The hub refused to sign in, for a reason the session status reports by its code. */
export class HubSignInError extends Error {
  constructor(
    readonly code: SignInRefusal,
    message: string,
    /** Seconds the hub asked to wait, when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'HubSignInError';
  }
}

/** A refusal the hub explained, as its status, its code and the problems it worded. */
export interface HubRefusal {
  status: number;
  code: string;
  message: string;
  words: { code: string; params: Record<string, string | number> }[];
  retryAfter?: number;
}

async function refusalBody(response: Response): Promise<HubRefusal> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  return {
    status: response.status,
    code: body.success ? body.data.error.code : `http-${response.status}`,
    message: body.success ? body.data.error.message : `the hub refused: ${response.status}`,
    words: body.success ? (body.data.error.words ?? []) : [],
    retryAfter: Number(response.headers.get('retry-after')) || undefined,
  };
}

/** A refusal of the sign-in as its code: by the status, and the hub's own code where it tells more. */
function signInRefusalOf(refusal: HubRefusal): HubSignInError {
  const { status, code, message, retryAfter } = refusal;
  if (status === 429) return new HubSignInError('too-many-attempts', message, retryAfter);
  if (status === 503) return new HubSignInError('busy', message, retryAfter);
  if (code === 'totp-required') return new HubSignInError('totp-required', message);
  if (status === 401) return new HubSignInError('bad-credentials', message);
  throw new Error(message);
}

/** The refusal each step of the sign-in is reported by while it waits for a person. */
const STEP_REFUSAL: Record<SignInStep, SignInRefusal> = {
  'password-change': 'password-change-required',
  'totp-enrolment': 'totp-enrolment-required',
  'totp-code': 'totp-required',
};

/** A step's call the hub refused: `refusal` says why, for the caller to word. */
export class HubStepRefused extends Error {
  constructor(readonly refusal: HubRefusal) {
    super(refusal.message);
    this.name = 'HubStepRefused';
  }
}

/** Refresh a minute before expiry, so a reconnect never presents a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The operator's session with the hub: signs in, keeps a fresh access token, and signs in again with the
 * same credentials if the refresh token has lapsed (after a long sleep) or was revoked.
 *
 * When the hub asks for a step only a person can take (a new password, enrolling an authenticator app, the
 * app's current code) the session holds still at that step: no sign-in is attempted again until the person
 * has taken it, since every automatic attempt would count toward the account's lockout.
 */
export class HubSession {
  private tokens: Tokens | undefined;
  /** Tokens that allow nothing but finishing the sign-in, while a step is pending. */
  private limited: Tokens | undefined;
  private expiresAt = 0;
  private credentials: LoginBody;
  account: SignedInAccount | undefined;
  /** The security policy's idle timeout, as the hub's sign-in answer gave it. */
  idleTimeoutMinutes: number | undefined;
  /** The step a person must take before this desktop is signed in; null when none is pending. */
  pendingStep: SignInStep | null = null;

  constructor(
    readonly hubUrl: string,
    credentials: LoginBody,
  ) {
    this.credentials = { name: credentials.name, password: credentials.password };
  }

  /** The name the session signs in with. */
  get loginName(): string {
    return this.credentials.name;
  }

  private async post(path: string, body: unknown, bearer?: string): Promise<Response> {
    return fetch(new URL(path, this.hubUrl), {
      // A hub that took the request and never answers (a half-open connection) must not hold the sign-in, and
      // with it every reconnection, for the minutes the HTTP client would otherwise wait.
      signal: AbortSignal.timeout(HUB_REQUEST_TIMEOUT_MS),
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  /** Signs in with the kept credentials and, for an enrolled administrator, the app's current code. */
  async signIn(totpCode?: string): Promise<SignedInAccount> {
    const response = await this.post('/api/v1/auth/login', { ...this.credentials, totpCode });
    if (!response.ok) {
      const refusal = signInRefusalOf(await refusalBody(response));
      if (refusal.code === 'totp-required') this.pendingStep = 'totp-code';
      throw refusal;
    }
    return this.adopt(loginAnswerSchema.parse(await response.json()));
  }

  /** Takes a sign-in answer: full tokens sign the desktop in, limited ones leave a step pending. */
  private adopt(answer: LoginAnswer): SignedInAccount {
    this.account = answer.account;
    this.idleTimeoutMinutes = answer.idleTimeoutMinutes;
    const step: SignInStep | null = answer.passwordChangeRequired
      ? 'password-change'
      : answer.totpEnrolmentRequired
        ? 'totp-enrolment'
        : null;
    this.pendingStep = step;
    if (step) {
      this.limited = answer;
      this.tokens = undefined;
      throw new HubSignInError(STEP_REFUSAL[step], `sign-in waits for a step: ${step}`);
    }
    this.limited = undefined;
    this.tokens = answer;
    this.expiresAt = Date.now() + answer.expiresIn * 1000;
    return answer.account;
  }

  /** The limited token of the pending step, or the refusal that no such step is pending. */
  private limitedToken(step: SignInStep): string {
    if (this.pendingStep !== step || !this.limited)
      throw new HubSignInError(STEP_REFUSAL[this.pendingStep ?? step], `no ${step} is pending`);
    return this.limited.accessToken;
  }

  /**
   * Changes the password the hub generated or found expired; the new one is kept for later sign-ins. The answer
   * may leave the next step pending (an administrator's enrolment), which `adopt` reports by throwing.
   */
  async changePassword(oldPassword: string | undefined, newPassword: string): Promise<void> {
    const bearer = this.limitedToken('password-change');
    const body = { oldPassword: oldPassword ?? this.credentials.password, newPassword };
    const response = await this.post('/api/v1/auth/password', body, bearer);
    if (!response.ok) throw new HubStepRefused(await refusalBody(response));
    this.credentials = { ...this.credentials, password: newPassword };
    this.adoptQuietly(loginAnswerSchema.parse(await response.json()));
  }

  /** Starts enrolling an authenticator app: the `otpauth://` URI, shown to the person once. */
  async enrolTotp(): Promise<string> {
    const response = await this.post('/api/v1/auth/totp/enrol', {}, this.limitedToken('totp-enrolment'));
    if (!response.ok) throw new HubStepRefused(await refusalBody(response));
    return totpEnrolmentAnswerSchema.parse(await response.json()).uri;
  }

  /** Confirms the enrolment with the app's first code; the answer signs the desktop in. */
  async confirmTotp(totpCode: string): Promise<void> {
    const bearer = this.limitedToken('totp-enrolment');
    const response = await this.post('/api/v1/auth/totp/confirm', { totpCode }, bearer);
    if (!response.ok) throw new HubStepRefused(await refusalBody(response));
    this.adoptQuietly(loginAnswerSchema.parse(await response.json()));
  }

  /** Signs an enrolled administrator in with the app's current code (the code is not kept). */
  async submitTotp(totpCode: string): Promise<void> {
    if (this.pendingStep !== 'totp-code') throw new HubSignInError('totp-required', 'no code is asked for');
    await this.signIn(totpCode).catch((error: unknown) => {
      // A wrong code leaves the step pending; the refusal says so to whoever submitted it.
      if (error instanceof HubSignInError && error.code === 'bad-credentials') this.pendingStep = 'totp-code';
      throw error;
    });
  }

  /** `adopt`, where a further pending step is an outcome to report by the status, not an error. */
  private adoptQuietly(answer: LoginAnswer): void {
    try {
      this.adopt(answer);
    } catch (error) {
      if (!(error instanceof HubSignInError)) throw error;
    }
  }

  /**
   * Drops the tokens the hub no longer accepts, so the next `accessToken` signs in again. Given the access token
   * the hub refused, only that one: tokens won since (a step finished meanwhile) are kept.
   */
  forgetTokens(refused?: string): void {
    if (refused !== undefined && this.tokens?.accessToken !== refused) return;
    this.tokens = undefined;
  }

  async accessToken(): Promise<string> {
    // A person's step is pending: asking the hub again would only count toward the lockout.
    if (this.pendingStep)
      throw new HubSignInError(STEP_REFUSAL[this.pendingStep], `sign-in waits for: ${this.pendingStep}`);
    if (!this.tokens) return (await this.signIn(), this.tokens!.accessToken);
    if (Date.now() < this.expiresAt - REFRESH_MARGIN_MS) return this.tokens.accessToken;
    const response = await this.post('/api/v1/auth/refresh', { refreshToken: this.tokens.refreshToken });
    if (response.ok) {
      this.tokens = refreshAnswerSchema.parse(await response.json());
      this.expiresAt = Date.now() + this.tokens.expiresIn * 1000;
      return this.tokens.accessToken;
    }
    await this.signIn();
    return this.tokens.accessToken;
  }
}

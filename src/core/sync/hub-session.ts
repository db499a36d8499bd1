import {
  apiErrorBodySchema,
  loginAnswerSchema,
  refreshAnswerSchema,
  type LoginBody,
  type RefreshBody,
  type SignedInAccount,
  type Tokens,
} from '../../protocol';
import type { SignInRefusal } from '../contract/api';

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

/** A refusal of the sign-in as its code: by the status, and the hub's own code where it tells more. */
async function refusalOf(response: Response): Promise<HubSignInError> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  const message = body.success ? body.data.error.message : `the hub refused sign-in: ${response.status}`;
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  if (response.status === 429) return new HubSignInError('too-many-attempts', message, retryAfter);
  if (response.status === 503) return new HubSignInError('busy', message, retryAfter);
  if (body.success && body.data.error.code === 'totp-required')
    return new HubSignInError('totp-required', message);
  if (response.status === 401) return new HubSignInError('bad-credentials', message);
  throw new Error(message);
}

/** Refresh a minute before expiry, so a reconnect never presents a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The operator's session with the hub: signs in, keeps a fresh access token, and signs in again with the
 * same credentials if the refresh token has lapsed (after a long sleep) or was revoked.
 */
export class HubSession {
  private tokens: Tokens | undefined;
  private expiresAt = 0;
  account: SignedInAccount | undefined;
  /** The security policy's idle timeout, as the hub's sign-in answer gave it. */
  idleTimeoutMinutes: number | undefined;

  constructor(
    readonly hubUrl: string,
    private readonly credentials: LoginBody,
  ) {}

  private async post(path: string, body: LoginBody | RefreshBody): Promise<Response> {
    return fetch(new URL(path, this.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async signIn(): Promise<SignedInAccount> {
    const response = await this.post('/api/v1/auth/login', this.credentials);
    if (!response.ok) throw await refusalOf(response);
    const answer = loginAnswerSchema.parse(await response.json());
    // Tokens limited to finishing the sign-in serve this desktop nothing: a person must finish it first.
    if (answer.passwordChangeRequired)
      throw new HubSignInError('password-change-required', 'the password must be changed first');
    if (answer.totpEnrolmentRequired)
      throw new HubSignInError('totp-required', 'an authenticator app must be enrolled first');
    this.tokens = answer;
    this.expiresAt = Date.now() + answer.expiresIn * 1000;
    this.account = answer.account;
    this.idleTimeoutMinutes = answer.idleTimeoutMinutes;
    return answer.account;
  }

  /** Drops the tokens the hub no longer accepts, so the next `accessToken` signs in again. */
  forgetTokens(): void {
    this.tokens = undefined;
  }

  async accessToken(): Promise<string> {
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

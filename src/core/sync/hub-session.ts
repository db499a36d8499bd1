import {
  loginAnswerSchema,
  refreshAnswerSchema,
  type LoginBody,
  type RefreshBody,
  type SignedInAccount,
  type Tokens,
} from '../../protocol';

export type { SignedInAccount } from '../../protocol';

export class SignInError extends Error {}

/** Refresh a minute before expiry, so a reconnect never presents a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The operator's session with the hub: signs in, keeps a fresh access token, and signs in again with the
 * same credentials if the refresh token has lapsed (after a long sleep).
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
    if (response.status === 401) throw new SignInError('wrong name or password');
    if (!response.ok) throw new Error(`the hub refused sign-in: ${response.status}`);
    const answer = loginAnswerSchema.parse(await response.json());
    this.tokens = answer;
    this.expiresAt = Date.now() + answer.expiresIn * 1000;
    this.account = answer.account;
    this.idleTimeoutMinutes = answer.idleTimeoutMinutes;
    return answer.account;
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

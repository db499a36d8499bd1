import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';

/** What an access token says about its bearer: who, which role, which jurisdiction subtree. */
export interface OperatorClaims {
  accountId: string;
  name: string;
  role: string;
  jurisdiction: string;
  /** The person as screens name them (值班员 李明); absent from a token issued before accounts had one. */
  person?: string;
  /**
   * The account's token epoch when issued: a token of an older epoch has been revoked. Absent from the
   * claims a field system acts with (they sign in with a key, not a token).
   */
  epoch?: number;
  /**
   * Issued before the sign-in was complete (a password to change, a second factor to enrol): good for
   * nothing but doing that.
   */
  limited?: true;
}

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 12 * 60 * 60;
const ISSUER = 'pingan-hub';

export class TokenError extends Error {}

export function generateSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  private sign(claims: OperatorClaims, audience: 'access' | 'refresh', seconds: number): Promise<string> {
    return new SignJWT({
      name: claims.name,
      role: claims.role,
      jurisdiction: claims.jurisdiction,
      ...(claims.person === undefined ? {} : { person: claims.person }),
      epoch: claims.epoch ?? 0,
      ...(claims.limited ? { limited: true } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setJti(randomBytes(8).toString('hex'))
      .setExpirationTime(`${seconds}s`)
      .sign(this.key);
  }

  async issue(claims: OperatorClaims) {
    return {
      accessToken: await this.sign(claims, 'access', ACCESS_TOKEN_SECONDS),
      refreshToken: await this.sign(claims, 'refresh', REFRESH_TOKEN_SECONDS),
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }

  async verify(token: string, audience: 'access' | 'refresh'): Promise<OperatorClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
      });
      return {
        accountId: String(payload.sub),
        name: String(payload.name),
        role: String(payload.role),
        jurisdiction: String(payload.jurisdiction),
        ...(typeof payload.person === 'string' ? { person: payload.person } : {}),
        epoch: typeof payload.epoch === 'number' ? payload.epoch : 0,
        ...(payload.limited === true ? { limited: true as const } : {}),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError(`the ${audience} token has expired`);
      throw new TokenError(`the ${audience} token is not valid`);
    }
  }
}

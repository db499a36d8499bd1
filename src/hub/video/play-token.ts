import { timingSafeEqual } from 'node:crypto';
import { gm } from '../../gm';

/**
 * The token a play URL carries: `<expires in seconds since the epoch>.<HMAC-SM3 of stream and expiry>`. The
 * gateways that ask the hub before letting a player in (ZLMediaKit's `on_play` hook, MediaMTX's HTTP
 * authentication) bring it back here to be checked; a stream path alone lets nobody watch.
 */
export class PlayTokenSigner {
  constructor(private readonly key: Uint8Array) {}

  sign(stream: string, expiresAtMs: number): string {
    const expires = Math.ceil(expiresAtMs / 1000);
    return `${expires}.${this.mac(stream, expires)}`;
  }

  /** Whether `token` was signed for `stream` and has not expired at `nowMs`. */
  verify(stream: string, token: string, nowMs: number): boolean {
    const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
    if (!match) return false;
    const expires = Number(match[1]);
    if (expires * 1000 <= nowMs) return false;
    const expected = Buffer.from(this.mac(stream, expires), 'hex');
    return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
  }

  private mac(stream: string, expires: number): string {
    return gm.hmacSm3(this.key, Buffer.from(`${stream}\n${expires}`, 'utf8')).toString('hex');
  }
}

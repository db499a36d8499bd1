import { randomBytes, timingSafeEqual } from 'node:crypto';
import { gm, type GmPrimitives } from './providers';

const PREFIX = 'sm4:';
const BLOCK = 16;
const TAG_LENGTH = 32;

export class SealError extends Error {}

/**
 * Personal data sealed with SM4: a 32-byte key from configuration (never from the database) splits into an
 * SM4 key and an HMAC-SM3 key; each value gets a random IV, and the MAC over IV and ciphertext makes an edited
 * or swapped value fail to open instead of opening as something else. OpenSSL 3.0 has no SM4-GCM, so this is
 * the same encrypt-then-MAC construction on every platform.
 */
export class PersonalDataSeal {
  private readonly encryptionKey: Buffer;
  private readonly macKey: Buffer;

  constructor(
    key: Uint8Array,
    private readonly primitives: GmPrimitives = gm,
  ) {
    if (key.length !== 32) throw new SealError(`the personal-data key has ${key.length} bytes, not 32`);
    this.encryptionKey = Buffer.from(key.subarray(0, 16));
    this.macKey = Buffer.from(key.subarray(16));
  }

  /** `sm4:` and base64url of IV ‖ ciphertext ‖ tag. */
  seal(plain: string, iv: Uint8Array = randomBytes(BLOCK)): string {
    const ciphertext = this.primitives.sm4CbcEncrypt(this.encryptionKey, iv, Buffer.from(plain, 'utf8'));
    const body = Buffer.concat([iv, ciphertext]);
    const tag = this.primitives.hmacSm3(this.macKey, body);
    return PREFIX + Buffer.concat([body, tag]).toString('base64url');
  }

  open(sealed: string): string {
    if (!isSealed(sealed)) throw new SealError('the value is not sealed');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (bytes.length < BLOCK * 2 + TAG_LENGTH) throw new SealError('the sealed value is truncated');
    const body = bytes.subarray(0, bytes.length - TAG_LENGTH);
    const tag = bytes.subarray(bytes.length - TAG_LENGTH);
    if (!timingSafeEqual(tag, this.primitives.hmacSm3(this.macKey, body)))
      throw new SealError('the sealed value was altered or sealed with another key');
    const iv = body.subarray(0, BLOCK);
    return this.primitives.sm4CbcDecrypt(this.encryptionKey, iv, body.subarray(BLOCK)).toString('utf8');
  }
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/**
 * A seal as stored fields use it: sealing a value already sealed leaves it, and opening one never sealed (a
 * row written before its field was sealed) gives it back as it is.
 */
export interface FieldSeal {
  seal(value: string): string;
  open(value: string): string;
}

export function fieldSeal(seal: PersonalDataSeal): FieldSeal {
  return {
    seal: (value) => (isSealed(value) ? value : seal.seal(value)),
    open: (value) => (isSealed(value) ? seal.open(value) : value),
  };
}

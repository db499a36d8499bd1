import { createCipheriv, createDecipheriv, createHash, createHmac, getCiphers, getHashes } from 'node:crypto';
import { sm3 as pureSm3, sm4 as pureSm4 } from 'sm-crypto-v2';

/**
 * The 国密 primitives the product uses, from one of two sources that must give the same bytes: Node's
 * OpenSSL where it was built with SM3 and SM4 (the hub, the command line), and the pure-JS `sm-crypto-v2`
 * where it was not (Electron's BoringSSL has neither).
 */
export interface GmPrimitives {
  readonly name: 'openssl' | 'sm-crypto-v2';
  sm3(data: Uint8Array): Buffer;
  hmacSm3(key: Uint8Array, data: Uint8Array): Buffer;
  /** SM4 in CBC mode with PKCS#7 padding; `key` and `iv` are 16 bytes. */
  sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Buffer;
  sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Buffer;
}

export const opensslPrimitives: GmPrimitives = {
  name: 'openssl',
  sm3: (data) => createHash('sm3').update(data).digest(),
  hmacSm3: (key, data) => createHmac('sm3', key).update(data).digest(),
  sm4CbcEncrypt(key, iv, plain) {
    const cipher = createCipheriv('sm4-cbc', key, iv);
    return Buffer.concat([cipher.update(plain), cipher.final()]);
  },
  sm4CbcDecrypt(key, iv, sealed) {
    const decipher = createDecipheriv('sm4-cbc', key, iv);
    return Buffer.concat([decipher.update(sealed), decipher.final()]);
  },
};

export const pureJsPrimitives: GmPrimitives = {
  name: 'sm-crypto-v2',
  sm3: (data) => Buffer.from(pureSm3(data), 'hex'),
  hmacSm3: (key, data) => Buffer.from(pureSm3(data, { key, mode: 'hmac' }), 'hex'),
  sm4CbcEncrypt: (key, iv, plain) =>
    Buffer.from(pureSm4.encrypt(plain, key, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'array' })),
  sm4CbcDecrypt: (key, iv, sealed) =>
    Buffer.from(pureSm4.decrypt(sealed, key, { mode: 'cbc', iv, padding: 'pkcs#7', output: 'array' })),
};

export function opensslHasGm(): boolean {
  return getHashes().includes('sm3') && getCiphers().includes('sm4-cbc');
}

/** OpenSSL's when this process has them (faster), the pure-JS ones otherwise. */
export const gm: GmPrimitives = opensslHasGm() ? opensslPrimitives : pureJsPrimitives;

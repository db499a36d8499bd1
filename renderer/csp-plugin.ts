import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../src/core/contract/csp.ts';

/**
 * Writes the one Content Security Policy (src/core/contract/csp.ts) into index.html as it is built, so the
 * page carries the policy the shells send as a header, and no copy of it lives in the HTML source.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'pingan-content-security-policy',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

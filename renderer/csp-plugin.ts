import type { Plugin } from 'vite';
import { contentSecurityPolicyMeta, mediaOriginsFrom } from '../src/core/contract/csp.ts';

/**
 * Writes the one Content Security Policy (src/core/contract/csp.ts) into index.html as it is built, so the
 * page carries the policy the shells send as a header, and no copy of it lives in the HTML source. A desktop
 * packaged for a deployment is built with its media gateways' origins (`PINGAN_MEDIA_ORIGINS`).
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'pingan-content-security-policy',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicyMeta(mediaOriginsFrom(process.env.PINGAN_MEDIA_ORIGINS)),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

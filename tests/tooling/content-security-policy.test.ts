import { readFileSync } from 'node:fs';
import type { IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../renderer/csp-plugin';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src/core/contract/csp';

const directives = (policy: string) => policy.split('; ');

describe('the one Content Security Policy', () => {
  it('is the same in the meta element, less only what a meta element cannot carry', () => {
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual([
      ...directives(CONTENT_SECURITY_POLICY_META),
      "frame-ancestors 'none'",
    ]);
  });

  it('is written into index.html by the renderer build, which holds no copy of its own', () => {
    const source = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(source).not.toMatch(/Content-Security-Policy/i);
    const transform = contentSecurityPolicy().transformIndexHtml as IndexHtmlTransformHook;
    const tags = transform.call({} as never, source, { path: '/index.html', filename: 'index.html' });
    expect(tags).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head-prepend',
      },
    ]);
  });
});

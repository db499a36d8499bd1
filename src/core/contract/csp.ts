/**
 * The renderer's Content Security Policy, written once. The browser shell sends it as a header, the Electron
 * shell's session adds it to what it loads, and the renderer's build writes it into index.html, which is
 * what holds where no header can be sent (Electron's file:// pages).
 */
const DIRECTIVES: ReadonlyArray<readonly [name: string, sources: readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  // MapLibre starts its workers from blob: URLs.
  ['worker-src', ["'self'", 'blob:']],
  ['connect-src', ["'self'"]],
  // The video players feed the <video> element through Media Source Extensions, by blob: URLs.
  ['media-src', ["'self'", 'blob:']],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Directives that only a header can deliver: in a <meta> element the browser ignores them and complains. */
const HEADER_ONLY = new Set(['frame-ancestors']);

function serialise(directives: typeof DIRECTIVES): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * The directives with the media gateways' origins allowed to `connect-src`: the players fetch the live
 * stream from the gateway itself, and only from the gateways this deployment names.
 */
function withMediaOrigins(mediaOrigins: readonly string[]): typeof DIRECTIVES {
  // A gateway serves FLV over HTTP and over a WebSocket on the same host and port.
  const origins = mediaOrigins.flatMap((origin) => {
    const url = new URL(origin);
    return [url.origin, `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`];
  });
  return DIRECTIVES.map(([name, sources]) =>
    name === 'connect-src' ? ([name, [...sources, ...origins]] as const) : ([name, sources] as const),
  );
}

/** The policy as a `Content-Security-Policy` header carries it. */
export function contentSecurityPolicy(mediaOrigins: readonly string[] = []): string {
  return serialise(withMediaOrigins(mediaOrigins));
}

/** The same policy in index.html's <meta http-equiv>, less what a meta element cannot carry. */
export function contentSecurityPolicyMeta(mediaOrigins: readonly string[] = []): string {
  return serialise(withMediaOrigins(mediaOrigins).filter(([name]) => !HEADER_ONLY.has(name)));
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
export const CONTENT_SECURITY_POLICY_META = contentSecurityPolicyMeta();

/**
 * The media gateways' origins a packaged desktop is built for (`PINGAN_MEDIA_ORIGINS`, comma-separated), for
 * the shells that cannot rewrite the page as they serve it (Electron's file:// pages).
 */
export function mediaOriginsFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

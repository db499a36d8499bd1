import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The hub's one JSON body parser. Beyond JSON.parse it refuses what two readers of one body could read
 * differently: a charset other than UTF-8 (the bytes would be read as something the sender did not mean),
 * bytes that are not UTF-8, and an object naming one key twice (JSON.parse keeps the last, another parser
 * the first; an audit or a signature over the body would not say what the hub stored).
 */

/** A refusal of the body itself, worded by the hub's error handler like Fastify's own. */
export class BodyRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: 'PINGAN_UNSUPPORTED_CHARSET' | 'PINGAN_INVALID_UTF8' | 'PINGAN_DUPLICATE_KEY',
    message: string,
    /** Where in the body, when the refusal is about one place in it. */
    readonly problems?: string[],
  ) {
    super(message);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The charset a Content-Type declares, lower-cased, if it declares one. */
function declaredCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/iu.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function refuseOtherCharsets(request: FastifyRequest): void {
  const charset = declaredCharset(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyRefusal(
      415,
      'PINGAN_UNSUPPORTED_CHARSET',
      `charset ${charset} is not taken: send JSON in UTF-8`,
    );
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    return UTF8.decode(body);
  } catch {
    throw new BodyRefusal(400, 'PINGAN_INVALID_UTF8', 'the body is not valid UTF-8');
  }
}

/** Where a JSON string that starts at `start` (its opening quote) ends: the index after its closing quote. */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  return i;
}

/**
 * The first key an object of `text` names twice, with its path (`reports.0.title`), or undefined. `text` must already have
 * parsed as JSON: the scan then only needs to tell strings from structure, in one pass and one stack of
 * the keys of each open object.
 */
export function firstDuplicateKey(text: string): { key: string; path: string } | undefined {
  const open: (Set<string> | null)[] = [];
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = endOfString(text, i);
      const keys = open.at(-1);
      if (keys && text[nextNonSpace(text, end)] === ':') {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (keys.has(key)) return { key, path: [...names.slice(0, open.length - 1), key].join('.') };
        keys.add(key);
        names[open.length - 1] = key;
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? new Set() : null);
      names[open.length - 1] = c === 0x7b ? '' : '0';
    } else if (c === 0x2c && open.at(-1) === null) {
      names[open.length - 1] = String(Number(names[open.length - 1]) + 1);
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      names.length = open.length;
    }
    i += 1;
  }
  return undefined;
}

/** Installs the parser on `app` for application/json, the only type the hub takes. */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      refuseOtherCharsets(request);
      const text = decodeUtf8(body as Buffer);
      parseJson(request, text, (error, parsed) => {
        if (error) return done(error, undefined);
        const duplicate = firstDuplicateKey(text);
        if (duplicate) {
          const problem = `${duplicate.path}: the key ${duplicate.key} appears twice`;
          return done(new BodyRefusal(400, 'PINGAN_DUPLICATE_KEY', problem, [problem]), undefined);
        }
        return done(null, parsed);
      });
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

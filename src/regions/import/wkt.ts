/** One WKT node: `KEYWORD["text", 1.5, CHILD[...]]`. */
export interface WktNode {
  keyword: string;
  values: (string | number | WktNode)[];
}

/** The text is not WKT; the message says where it stops making sense. */
export class WktSyntaxError extends Error {}

/** A coordinate system nests four levels deep; anything far deeper is not one. */
const MAX_DEPTH = 12;
const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_]*)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([[\](),]))/y;

type Token = { kind: 'text' | 'word' | 'number' | 'mark'; value: string };

/** Parses well-known text (OGC 01-009, as in a Shapefile's .prj) into nodes; never trusts its shape. */
export function parseWkt(text: string): WktNode {
  const tokens = tokenize(text);
  let position = 0;
  const next = (): Token | undefined => tokens[position++];
  const peek = (): Token | undefined => tokens[position];

  const node = (depth: number): WktNode => {
    if (depth > MAX_DEPTH) throw new WktSyntaxError(`nested more than ${MAX_DEPTH} levels deep`);
    const keyword = next();
    if (keyword?.kind !== 'word') throw new WktSyntaxError(`expected a keyword, found ${describe(keyword)}`);
    const open = next();
    if (open?.value !== '[' && open?.value !== '(') {
      throw new WktSyntaxError(`expected "[" after ${keyword.value}, found ${describe(open)}`);
    }
    const values: WktNode['values'] = [];
    for (;;) {
      const token = peek();
      if (token?.kind === 'text') values.push(next()!.value.slice(1, -1).replaceAll('""', '"'));
      else if (token?.kind === 'number') values.push(Number(next()!.value));
      else if (token?.kind === 'word' && tokens[position + 1]?.kind === 'mark') values.push(node(depth + 1));
      else if (token?.kind === 'word') values.push(next()!.value);
      else throw new WktSyntaxError(`unexpected ${describe(token)} in ${keyword.value}`);
      const separator = next();
      if (separator?.value === ']' || separator?.value === ')') return { keyword: keyword.value, values };
      if (separator?.value !== ',') {
        throw new WktSyntaxError(`expected "," or "]" in ${keyword.value}, found ${describe(separator)}`);
      }
    }
  };

  const root = node(0);
  if (position < tokens.length) throw new WktSyntaxError(`unexpected ${describe(peek())} after the end`);
  return root;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match)
      throw new WktSyntaxError(
        `unexpected character ${JSON.stringify(text.slice(at).trimStart()[0] ?? '')} at ${at + 1}`,
      );
    const [, quoted, word, number, mark] = match;
    if (quoted !== undefined) tokens.push({ kind: 'text', value: quoted });
    else if (word !== undefined) tokens.push({ kind: 'word', value: word });
    else if (number !== undefined) tokens.push({ kind: 'number', value: number });
    else tokens.push({ kind: 'mark', value: mark ?? '' });
  }
  return tokens;
}

function describe(token: Token | undefined): string {
  return token ? `"${token.value.slice(0, 20)}"` : 'the end of the text';
}

/** The first child node with this keyword (compared case-insensitively), if any. */
export function child(node: WktNode, keyword: string): WktNode | undefined {
  return node.values.find(
    (value): value is WktNode => typeof value === 'object' && value.keyword.toUpperCase() === keyword,
  );
}

export function children(node: WktNode, keyword: string): WktNode[] {
  return node.values.filter(
    (value): value is WktNode => typeof value === 'object' && value.keyword.toUpperCase() === keyword,
  );
}

export function numberAt(node: WktNode | undefined, index: number): number | undefined {
  const value = node?.values[index];
  return typeof value === 'number' ? value : undefined;
}

export function textAt(node: WktNode | undefined, index: number): string | undefined {
  const value = node?.values[index];
  return typeof value === 'string' ? value : undefined;
}

// The gateway's own reading of EPMM's advanced-search language, for the raw `query` a power user may send. A
// query is accepted only if it parses here, and is then re-emitted from the parse tree by `printSearchQuery`, so
// what reaches EPMM is always text this module wrote (every field and value quoted and escaped), never the
// client's text. Written independently of the simulator's parser, which exists to catch this one's mistakes.
import { GatewayError } from '../../errors.js';
import { quote, type SearchOperator } from './search-query.js';

export type SearchComparisonOperator = SearchOperator | '<=' | '>=';

export type SearchNode =
  | { kind: 'and' | 'or'; left: SearchNode; right: SearchNode }
  | { kind: 'compare'; field: string; op: SearchComparisonOperator; value: string };

interface Token {
  type: 'text' | 'quoted' | 'op' | '(' | ')' | 'end';
  text: string;
  at: number;
}

const BARE = /[\p{L}\p{N}_.\-:@+]/u;
const OPERATORS = ['<=', '>=', '!=', '=', '<', '>'];

function tokens(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j += 1) {
        if (source[j] === '\\' && (source[j + 1] === '"' || source[j + 1] === '\\')) j += 1;
        text += source[j];
      }
      if (j >= source.length) throw syntax('an unterminated quoted string', i);
      out.push({ type: 'quoted', text, at: i });
      i = j + 1;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch, text: ch, at: i });
      i += 1;
    } else if (BARE.test(ch)) {
      let j = i;
      while (j < source.length && BARE.test(source[j])) j += 1;
      out.push({ type: 'text', text: source.slice(i, j), at: i });
      i = j;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw syntax(`the character '${ch}'`, i);
      out.push({ type: 'op', text: op, at: i });
      i += op.length;
    }
  }
  out.push({ type: 'end', text: '', at: source.length });
  return out;
}

function syntax(what: string, at: number): GatewayError {
  return new GatewayError('BAD_USER_INPUT', `The search query is not valid: unexpected ${what} at position ${at}.`, {
    field: ['filter', 'query'],
    position: at,
  });
}

/** Parses EPMM advanced-search text; `null` for an empty query. Keywords (AND, OR, contains, starts with) ignore case. */
export function parseSearchQuery(source: string): SearchNode | null {
  const list = tokens(source);
  let next = 0;
  const peek = () => list[next];
  const isWord = (token: Token, word: string) => token.type === 'text' && token.text.toLowerCase() === word;
  const describe = (token: Token) => (token.type === 'end' ? 'end of the query' : `'${token.text}'`);

  const comparison = (): SearchNode => {
    const field = peek();
    if (field.type !== 'text' && field.type !== 'quoted') throw syntax(describe(field), field.at);
    next += 1;
    const opToken = peek();
    let op: SearchComparisonOperator;
    if (opToken.type === 'op') {
      op = opToken.text as SearchComparisonOperator;
      next += 1;
    } else if (isWord(opToken, 'contains')) {
      op = 'contains';
      next += 1;
    } else if (isWord(opToken, 'starts') && isWord(list[next + 1], 'with')) {
      op = 'starts with';
      next += 2;
    } else {
      throw syntax(describe(opToken), opToken.at);
    }
    const value = peek();
    if (value.type !== 'text' && value.type !== 'quoted') throw syntax(describe(value), value.at);
    next += 1;
    return { kind: 'compare', field: field.text, op, value: value.text };
  };
  const primary = (): SearchNode => {
    if (peek().type !== '(') return comparison();
    next += 1;
    const inner = disjunction();
    if (peek().type !== ')') throw syntax(describe(peek()), peek().at);
    next += 1;
    return inner;
  };
  const conjunction = (): SearchNode => {
    let left = primary();
    while (isWord(peek(), 'and')) {
      next += 1;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const disjunction = (): SearchNode => {
    let left = conjunction();
    while (isWord(peek(), 'or')) {
      next += 1;
      left = { kind: 'or', left, right: conjunction() };
    }
    return left;
  };

  if (peek().type === 'end') return null;
  const tree = disjunction();
  if (peek().type !== 'end') throw syntax(describe(peek()), peek().at);
  return tree;
}

/** Writes a parse tree back as EPMM query text, fully parenthesised and with every field and value quoted. */
export function printSearchQuery(node: SearchNode): string {
  if (node.kind === 'compare') return `${quote(node.field)} ${node.op} ${quote(node.value)}`;
  const side = (child: SearchNode) =>
    child.kind === 'compare' || child.kind === node.kind ? printSearchQuery(child) : `(${printSearchQuery(child)})`;
  return `${side(node.left)} ${node.kind.toUpperCase()} ${side(node.right)}`;
}

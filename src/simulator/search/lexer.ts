// Turns query text into tokens, each tagged with its 0-based start so that every
// error can point at the exact character EPMM would report.

import { SearchSyntaxError } from './errors.js';

export type TokenKind =
  | 'string'
  | 'word'
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'contains'
  | 'startsWith'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Text as written, minus the quotes of a string; `<EOF>` at the end. Used in errors. */
  text: string;
  /** Meaning: a string's unescaped content; same as `text` for everything else. */
  value: string;
  position: number;
}

const WORD_CHAR = /[\p{L}\p{N}_.\-:@+]/u;
const SPACE = /\s/;
// Longest first, so `<=` is not read as `<` followed by `=`.
const OPERATORS = ['<=', '>=', '!=', '=', '<', '>'] as const;
const KEYWORDS: Readonly<Record<string, TokenKind>> = { and: 'and', or: 'or', contains: 'contains' };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, raw: string, value = raw): void => {
    tokens.push({ kind, text: raw, value, position: start });
  };

  while (i < text.length) {
    const ch = text[i];
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const start = i;

    if (ch === '"') {
      const { value, end } = readString(text, start);
      push('string', start, text.slice(start + 1, end - 1), value);
      i = end;
    } else if (ch === '(' || ch === ')') {
      push(ch === '(' ? 'lparen' : 'rparen', start, ch);
      i++;
    } else if (WORD_CHAR.test(ch)) {
      const word = readWord(text, start);
      i = start + word.length;
      const lower = word.toLowerCase();
      const keyword = KEYWORDS[lower];
      if (keyword) {
        push(keyword, start, word);
      } else if (lower === 'starts' && nextWord(text, i).toLowerCase() === 'with') {
        // `starts with` is one operator; any whitespace may separate the words.
        const withAt = skipSpace(text, i);
        i = withAt + 4;
        push('startsWith', start, text.slice(start, i), 'starts with');
      } else {
        push('word', start, word);
      }
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, start));
      if (!op) throw new SearchSyntaxError(ch, start);
      push('op', start, op);
      i += op.length;
    }
  }
  push('eof', text.length, '<EOF>');
  return tokens;
}

/** Reads `"..."` starting at the quote; `\"` and `\\` are escapes. */
function readString(text: string, quoteAt: number): { value: string; end: number } {
  let value = '';
  for (let i = quoteAt + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return { value, end: i + 1 };
    const next = text[i + 1];
    if (ch === '\\' && (next === '"' || next === '\\')) {
      value += next;
      i++;
    } else {
      // Any other backslash is literal: values like `DOMAIN\user` must survive unescaped.
      value += ch;
    }
  }
  throw new SearchSyntaxError(text.slice(quoteAt + 1), quoteAt);
}

function readWord(text: string, start: number): string {
  let end = start;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return text.slice(start, end);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && SPACE.test(text[i])) i++;
  return i;
}

/** The bare word after whitespace at `i`, or '' when there is no whitespace or no word. */
function nextWord(text: string, i: number): string {
  const at = skipSpace(text, i);
  return at === i ? '' : readWord(text, at);
}

// Recursive-descent parser for EPMM advanced search:
//   or    := and ( OR and )*
//   and   := term ( AND term )*
//   term  := '(' or ')' | field operator value
// AND binds tighter than OR; both are left-associative.

import type { ComparisonOp, QueryNode } from './ast.js';
import { SearchSyntaxError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

export function parseAdvancedQuery(text: string, resolveField: (name: string) => string | undefined): QueryNode | null {
  // The documents: "An empty query returns everything."
  if (text.trim() === '') return null;
  const parser = new Parser(tokenize(text), resolveField);
  const node = parser.parseOr();
  parser.expect('eof');
  return node;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly resolveField: (name: string) => string | undefined,
  ) {}

  parseOr(): QueryNode {
    let left = this.parseAnd();
    while (this.peek().kind === 'or') {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  expect(kind: Token['kind']): Token {
    const token = this.next();
    if (token.kind !== kind) throw fail(token);
    return token;
  }

  private parseAnd(): QueryNode {
    let left = this.parseTerm();
    while (this.peek().kind === 'and') {
      this.index++;
      left = { kind: 'and', left, right: this.parseTerm() };
    }
    return left;
  }

  private parseTerm(): QueryNode {
    if (this.peek().kind === 'lparen') {
      this.index++;
      const inner = this.parseOr();
      this.expect('rparen');
      return inner;
    }
    const fieldToken = this.next();
    if (fieldToken.kind !== 'word' && fieldToken.kind !== 'string') throw fail(fieldToken);
    // The operator is checked before the field is resolved: EPMM answers the bare
    // query `test` with `<EOF>` at 4, not with the unknown field `test`.
    const op = this.parseOperator();
    const field = this.resolveField(fieldToken.value);
    if (field === undefined) throw fail(fieldToken);
    return { kind: 'cmp', field, op, value: this.parseValue() };
  }

  private parseOperator(): ComparisonOp {
    const token = this.next();
    switch (token.kind) {
      case 'contains':
        return 'contains';
      case 'startsWith':
        return 'starts with';
      // The lexer only emits `op` tokens whose text is one of the six operators.
      case 'op':
        return token.value as ComparisonOp;
      default:
        throw fail(token);
    }
  }

  private parseValue(): string | number {
    const token = this.next();
    if (token.kind === 'string') return token.value;
    if (token.kind !== 'word') throw fail(token);
    // Integers past 2^53 (ICCIDs, long serials) stay strings: as numbers they would lose digits.
    const numeric = NUMERIC.test(token.value) ? Number(token.value) : NaN;
    const exact = token.value.includes('.') || Number.isSafeInteger(numeric);
    return !Number.isNaN(numeric) && exact ? numeric : token.value;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    // Never step past <EOF>, so repeated reads at the end keep reporting it.
    if (token.kind !== 'eof') this.index++;
    return token;
  }
}

function fail(token: Token): SearchSyntaxError {
  return new SearchSyntaxError(token.text, token.position);
}

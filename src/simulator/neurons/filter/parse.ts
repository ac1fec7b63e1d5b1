import { FilterSyntaxError, type FilterNode, type FilterOperator } from './ast.js';

// Grammar:  expr := and ('OR' and)* ; and := term ('AND' term)* ; term := '(' expr ')' | FIELD OP 'value'.
// Values are single-quoted; inside them `\'` is a quote and `\\` a backslash (the escaping the gateway's fq
// builder produces). A field may end in `_#`, the documents' marker for numeric custom attributes.

type Token =
  | { type: 'word'; text: string; position: number }
  | { type: 'string'; text: string; position: number }
  | { type: 'paren'; text: '(' | ')'; position: number };

const OPERATORS: ReadonlySet<string> = new Set<FilterOperator>(['EQ', 'NEQ']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: 'paren', text: char, position: i });
      i += 1;
    } else if (char === "'") {
      const start = i;
      let text = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new FilterSyntaxError('Unterminated quoted value.', start);
        const c = source[i];
        if (c === '\\' && i + 1 < source.length) {
          text += source[i + 1];
          i += 2;
        } else if (c === "'") {
          i += 1;
          break;
        } else {
          text += c;
          i += 1;
        }
      }
      tokens.push({ type: 'string', text, position: start });
    } else {
      const match = /^[A-Za-z][A-Za-z0-9_]*/.exec(source.slice(i));
      if (!match) throw new FilterSyntaxError(`Unexpected character '${char}'.`, i);
      // The `_#` suffix: the greedy name already holds the underscore, so only the '#' is left to take.
      const word = match[0].endsWith('_') && source[i + match[0].length] === '#' ? `${match[0]}#` : match[0];
      tokens.push({ type: 'word', text: word, position: i });
      i += word.length;
    }
  }
  return tokens;
}

/** Parses an expression; blank text means "no filter" and gives null. */
export function parseFilter(source: string): FilterNode | null {
  const tokens = tokenize(source);
  if (tokens.length === 0) return null;
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const isKeyword = (word: string) => {
    const token = peek();
    return token?.type === 'word' && token.text.toUpperCase() === word;
  };

  const parseOr = (): FilterNode => {
    const children = [parseAnd()];
    while (isKeyword('OR')) {
      index += 1;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };
  const parseAnd = (): FilterNode => {
    const children = [parseTerm()];
    while (isKeyword('AND')) {
      index += 1;
      children.push(parseTerm());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };
  const parseTerm = (): FilterNode => {
    const token = peek();
    if (!token) throw new FilterSyntaxError('Unexpected end of expression.', source.length);
    if (token.type === 'paren' && token.text === '(') {
      index += 1;
      const inner = parseOr();
      const close = peek();
      if (close?.type !== 'paren' || close.text !== ')')
        throw new FilterSyntaxError("Expected ')'.", close?.position ?? source.length);
      index += 1;
      return inner;
    }
    if (token.type !== 'word') throw new FilterSyntaxError('Expected a field name.', token.position);
    index += 1;
    const operator = peek();
    if (operator?.type !== 'word' || !OPERATORS.has(operator.text.toUpperCase())) {
      throw new FilterSyntaxError('Expected an operator (EQ or NEQ).', operator?.position ?? source.length);
    }
    index += 1;
    const value = peek();
    if (value?.type !== 'string')
      throw new FilterSyntaxError('Expected a quoted value.', value?.position ?? source.length);
    index += 1;
    return {
      kind: 'leaf',
      field: token.text.toUpperCase(),
      operator: operator.text.toUpperCase() as FilterOperator,
      value: value.text,
    };
  };

  const node = parseOr();
  const rest = peek();
  if (rest) throw new FilterSyntaxError(`Unexpected '${rest.text}'.`, rest.position);
  return node;
}

// The one error the query language raises. Its message and fields mirror EPMM's
// `advancedsearch.parse.failure` (messageParameters [token, position]) and V07's
// query_test body ({ token, position }), so routes can render either shape from it.

export class SearchSyntaxError extends Error {
  constructor(
    /** Offending token as written (strings without their quotes), or `<EOF>`. */
    readonly token: string,
    /** 0-based index of the token's first character; text length for `<EOF>`. */
    readonly position: number,
  ) {
    super(`Unrecognized token '${token}' at position ${position}`);
    this.name = 'SearchSyntaxError';
  }
}

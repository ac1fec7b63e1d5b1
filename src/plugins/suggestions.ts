// "Did you mean …?" hidden where introspection is off (src/plugins/graphql-limits.ts adds this plugin only then):
// a suggestion names fields, arguments, types and enum values, so guessing near misses would read the schema that
// introspection keeps private. Where introspection is on, the schema is public and suggestions help.
// graphql-armor's blockFieldSuggestion was not enough: it rewrites validation errors only, and its pattern misses
// graphql-js's `Did you mean the enum value "IOS"?` and `Did you mean to use an inline fragment on "X"?`, and
// variable errors (`Field "complaint" is not defined by type "DeviceFilter". Did you mean "compliant"?`) come from
// the executor, after validation.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isRequestError, reworded } from './request-errors.js';

/**
 * graphql-js's suggestion (its didYouMean), always at the end of a message: an optional lower-case phrase, then
 * one to five quoted names (names hold no quotes) joined by ", ", " or ", ", or ".
 */
const SUGGESTION = / Did you mean (?:[a-z][a-z ]* )?"[^"]*"(?:(?:, |,? or )"[^"]*")*\?$/;

/** The message without its suggestion; the same message when it has none. */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

function hidden<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = withoutSuggestion(error.message);
  return message === error.message ? error : reworded(error, message);
}

const HIDE_IN_REQUEST_ERRORS = {
  onExecuteDone({ result, setResult }: { result: unknown; setResult: (result: object) => void }) {
    if (isRequestError(result)) setResult({ ...result, errors: result.errors.map(hidden) });
  },
};

export function useHiddenSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(hidden));
      },
    onExecute: () => HIDE_IN_REQUEST_ERRORS,
  };
}

// Request errors: what an executor answers when execution never starts (variables that do not coerce, an operation
// name the document lacks). The GraphQL spec leaves `data` out of such a result, and only of such a result, so its
// absence is how this file and its users (src/plugins/graphql-jit.ts, src/plugins/suggestions.ts) tell them apart.
// The executor gives most of them no code; here they get BAD_USER_INPUT, as every error a client reads carries a
// code (README) and the variable-based refusals of src/plugins/list-cost.ts have that one.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../errors.js';

type RequestErrorResult = ExecutionResult & { errors: readonly GraphQLError[] };

/** Whether an executor's result is a request error: errors, and no `data` key because nothing was executed. */
export function isRequestError(result: unknown): result is RequestErrorResult {
  return typeof result === 'object' && result !== null && 'errors' in result && !('data' in result);
}

/** The same error with other message or extensions: locations, path and cause kept, the original left untouched. */
export function reworded(error: GraphQLError, message: string, extensions = error.extensions): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

const CODE: ErrorCode = 'BAD_USER_INPUT';

function withCode(error: GraphQLError): GraphQLError {
  return error.extensions.code === undefined
    ? reworded(error, error.message, { ...error.extensions, code: CODE })
    : error;
}

// One hooks object for every request: this runs on the hot path, and does nothing unless execution never started.
const CODE_REQUEST_ERRORS = {
  onExecuteDone({ result, setResult }: { result: unknown; setResult: (result: ExecutionResult) => void }) {
    if (isRequestError(result)) setResult({ ...result, errors: result.errors.map(withCode) });
  },
};

/** Gives every request error without a code BAD_USER_INPUT, whichever executor (GRAPHQL_JIT) answered it. */
export function useRequestErrorCodes(): Plugin {
  return { onExecute: () => CODE_REQUEST_ERRORS };
}

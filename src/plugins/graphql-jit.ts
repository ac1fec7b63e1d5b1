// Execution by graphql-jit (GRAPHQL_JIT=on) that answers request errors exactly as GRAPHQL_JIT=off does. graphql-jit
// coerces variables with its own code: a bad value names another variable (`$platform` for `$f.platform[0]`), has
// no path, no locations and another wording. When its result is a request error (src/plugins/request-errors.ts: no
// `data`, nothing ran), the request goes to the executor yoga uses without jit, which answers graphql-js's errors;
// the same happens for a document graphql-jit cannot compile. Running it again is safe, mutations included, since
// nothing was executed; an operation that runs pays nothing for this, where coercing every request's variables
// twice would cost the CPU jit is there to save (docs/decisions.md, "One error model").
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isRequestError } from './request-errors.js';

type Execute = (args: ExecutionArgs) => ExecutionResult | PromiseLike<ExecutionResult>;

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

export function useGraphQlJitExecution(): Plugin {
  // A document that does not compile is answered by the fallback below: nothing for graphql-jit to log.
  const jit = useGraphQlJit({}, { onError: () => undefined });
  return {
    onExecute(payload) {
      const fallback = payload.executeFn as Execute;
      let compiled = fallback;
      // The jit plugin's own hook (synchronous without `enableIf`) hands over its executor, kept here, not set.
      void jit.onExecute?.({
        ...payload,
        setExecuteFn: (execute) => {
          compiled = execute as Execute;
        },
      });
      const orFallback = (args: ExecutionArgs) => (result: ExecutionResult) =>
        isRequestError(result) ? fallback(args) : result;
      payload.setExecuteFn(((args: ExecutionArgs) => {
        const result = compiled(args);
        return isPromiseLike(result) ? result.then(orFallback(args)) : orFallback(args)(result);
      }) as typeof payload.executeFn);
    },
    // Subscriptions stay with graphql-js: graphql-jit's compiled subscribe handed the subscribe resolver no
    // arguments from variables (`actionProgress(auditId: $id)` saw none; test/integration/subscriptions.test.ts), and
    // a subscription is compiled once per stream, not per request, so there is little to gain.
  };
}

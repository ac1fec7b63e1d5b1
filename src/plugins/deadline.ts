// Gives every operation a deadline that all its upstream calls share (see upstream/deadline.ts).
import type { Plugin } from 'graphql-yoga';
import { runWithDeadline } from '../upstream/deadline.js';

export function useOperationDeadline(deadlineMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const deadline = Date.now() + deadlineMs;
      setExecuteFn((args) => runWithDeadline(deadline, () => executeFn(args)));
    },
  };
}

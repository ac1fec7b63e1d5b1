// A group's membership rule as clients send it (typed conditions), compiled into Neurons' filter language by
// the fq module: fields are checked and every value is quoted and escaped, so no input changes the expression's
// structure (catalogue §1.2-1.3: a bad definition "may result in an unstable system").
import { GatewayError } from '../errors.js';
import { fqAll, fqAny, fqLeaf, type FqExpression } from '../upstream/neurons/fq.js';
import type { MutationUserError } from './run-mutation.js';
import type { GroupRuleMatch, GroupRuleOperator } from '../generated/enums.js';

export interface GroupRule {
  match?: GroupRuleMatch | null;
  conditions: ReadonlyArray<{ field: string; operator?: GroupRuleOperator | null; value: string }>;
}

/** Neurons' `definition` is at most 4,000 characters (as `fq`); more is refused before anything is sent. */
const DEFINITION_MAX = 4000;

export type CompiledRule =
  | { expression: FqExpression; userErrors: [] }
  | { expression: null; userErrors: MutationUserError[] };

export function compileGroupRule(rule: GroupRule): CompiledRule {
  const userErrors: MutationUserError[] = [];
  // An empty list is malformed input (docs/errors.md); a condition Neurons cannot take is a business failure.
  if (rule.conditions.length === 0)
    throw new GatewayError('BAD_USER_INPUT', 'A rule needs at least one condition.', {
      field: ['input', 'rule', 'conditions'],
    });
  const leaves: FqExpression[] = [];
  rule.conditions.forEach((condition, index) => {
    try {
      leaves.push(fqLeaf(condition.field, condition.operator ?? 'EQ', condition.value));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      userErrors.push({
        message: error.message,
        field: ['input', 'rule', 'conditions', String(index), 'field'],
        code: 'RULE_FIELD_INVALID',
      });
    }
  });
  if (userErrors.length > 0) return { expression: null, userErrors };
  const expression = rule.match === 'ANY' ? fqAny(leaves) : fqAll(leaves);
  if (expression.text.length > DEFINITION_MAX) {
    return {
      expression: null,
      userErrors: [
        {
          message: `The rule is longer than Neurons accepts (${DEFINITION_MAX} characters).`,
          field: ['input', 'rule'],
          code: 'RULE_TOO_LONG',
        },
      ],
    };
  }
  return { expression, userErrors: [] };
}

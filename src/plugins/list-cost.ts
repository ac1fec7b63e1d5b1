// A cost limit where list arguments multiply, and a cap on every list argument, both counted from the values the
// operation runs with. A validation rule sees only the document, so `nodes(ids: $ids)` or `devices(first: $n)`
// could only be guessed there; this runs in onExecute, where the variables are known, before any resolver and so
// before any upstream call (docs/decisions.md, "Cost and list limits from variable values").
//
// Cost: each field costs 1 times the product of the page sizes above it. A field's page size is its `first`;
// else, for a connection, the default page; else the length of its longest list of scalars among its arguments,
// at any depth (`nodes(ids:)`, a mutation's `input.ids`), as each names an item it returns or acts on; else 1.
// Lists: no list in any argument, at any depth, holds more than `maxListItems` items.
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../errors.js';
import { DEFAULT_PAGE_SIZE } from '../pagination.js';

export interface OperationLimits {
  maxCost: number;
  /** Items in any one list of an argument (ids, label ids, names…), at any depth. */
  maxListItems: number;
}

/** Refuses, before execution, an operation over the cost limit or with a list over the cap. */
export function useOperationLimits(limits: OperationLimits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = checkOperation(args.schema, args.document, args.operationName, args.variableValues, limits);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    // Subscriptions do not pass through onExecute: the same check before the stream starts (docs/subscriptions.md).
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = checkOperation(args.schema, args.document, args.operationName, args.variableValues, limits);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/**
 * The HTTP status yoga gives a validation error, which these refusals were until they needed the variables: 400
 * with `application/graphql-response+json`, 200 with plain JSON (yoga strips `http` from what it sends).
 */
const REQUEST_ERROR = { spec: true, status: 400 };

/**
 * A refusal is a GraphQL request error, as a validation error is, not a GatewayError: it is made in the GraphQL
 * layer and needs yoga's `http.spec` (docs/decisions.md "One error model").
 */
function refusal(message: string, extensions: Record<string, unknown>): GraphQLError {
  const code: ErrorCode = 'BAD_USER_INPUT';
  return new GraphQLError(message, { extensions: { code, ...extensions, http: REQUEST_ERROR } });
}

class Refused extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

/** The refusal of this operation with these variables, or undefined when it may run. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return undefined; // execution refuses it without running anything
  const definitions = operation.variableDefinitions ?? [];
  const variables = getVariableValues(schema, definitions, rawVariables ?? {}, { maxErrors: 1 });
  // Execution refuses variables that do not coerce before any resolver runs.
  if (variables.errors) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visiting = new Set<string>();
  let total = 0;
  // Every field adds at least 1, so the walk stops after at most maxCost fields, whatever fragments repeat.
  type Walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, depth: number) => void;
  const walk: Walk = (selectionSet, parent, multiplier, depth) => {
    if (depth > 64) total = Infinity; // the depth limit refuses these anyway; avoid runaway recursion
    for (const selection of selectionSet.selections) {
      if (total > limits.maxCost) return;
      if (selection.kind === Kind.FIELD) {
        const field = fieldDefinition(schema, parent, selection.name.value);
        if (!field) continue; // validation refused it
        const values = argumentValues(field, selection, variables.coerced);
        if (!values) {
          // Execution refuses this field without resolving it or anything below; it still counts, so that the
          // walk's work stays bounded by maxCost.
          total += multiplier;
          continue;
        }
        let longest = 0;
        for (const argument of field.args) {
          const path = `${selection.name.value}(${argument.name}:)`;
          longest = Math.max(longest, longestList(argument.type, values[argument.name], path, limits.maxListItems));
        }
        const factor = multiplier * pageSize(field, values, longest);
        total += factor;
        const type = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type, factor, depth + 1);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue; // validation refused it
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
        if (name !== undefined && visiting.has(name)) continue; // cycles are refused by validation
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        if (name !== undefined) visiting.add(name);
        walk(fragment.selectionSet, condition, multiplier, depth + 1);
        if (name !== undefined) visiting.delete(name);
      }
    }
  };
  try {
    walk(operation.selectionSet, root, 1, 0);
  } catch (error) {
    if (error instanceof Refused) return error.error;
    throw error;
  }
  if (total <= limits.maxCost) return undefined;
  const counted = Number.isFinite(total) ? Math.round(total) : null;
  return refusal(
    `The operation's estimated cost exceeds the limit of ${limits.maxCost}` +
      `${counted === null ? '' : ` (${counted} counted before stopping)`}` +
      '; ask for smaller pages or fewer nested lists.',
    { cost: counted, maxCost: limits.maxCost },
  );
}

type Field = GraphQLField<unknown, unknown>;

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): Field | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

type Values = Record<string, unknown>;

function argumentValues(field: Field, node: FieldNode, variables: Values): Values | undefined {
  if (field.args.length === 0) return {};
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return undefined;
  }
}

function pageSize(field: Field, values: Record<string, unknown>, longestList: number): number {
  if (typeof values.first === 'number') return Math.max(1, values.first);
  // A connection without `first` returns the default page.
  if (getNamedType(field.type).name.endsWith('Connection')) return DEFAULT_PAGE_SIZE;
  return Math.max(1, longestList);
}

/**
 * The length of the longest list of scalars (ids, names, numbers; enum lists are choices, not items) in a coerced
 * argument value; throws Refused when any list in it is longer than `maxItems`.
 */
function longestList(type: GraphQLInputType, value: unknown, path: string, maxItems: number): number {
  if (value === null || value === undefined) return 0;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return 0;
    if (value.length > maxItems) {
      throw new Refused(
        refusal(`\`${path}\` holds ${value.length} items; at most ${maxItems} are accepted in one list.`, {
          argument: path,
          maxItems,
        }),
      );
    }
    const item = nullable.ofType as GraphQLInputType;
    const named = getNamedType(item);
    if (isLeafType(named) && !isListType(getNullableType(item))) return isEnumType(named) ? 0 : value.length;
    let longest = 0;
    value.forEach((entry, index) => {
      longest = Math.max(longest, longestList(item, entry, `${path}[${index}]`, maxItems));
    });
    return longest;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    let longest = 0;
    for (const field of Object.values(nullable.getFields())) {
      const entry = (value as Record<string, unknown>)[field.name];
      longest = Math.max(longest, longestList(field.type, entry, `${path}.${field.name}`, maxItems));
    }
    return longest;
  }
  return 0;
}

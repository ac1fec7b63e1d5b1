// One place that turns urql's results into what a screen shows: the data, and the problems in a sentence each
// (HTTP refusals, network failures, GraphQL errors with their code). A partial answer keeps its data: a device
// page whose policies failed still shows the rest.
import type { AnyVariables, Client, CombinedError, OperationResult, TypedDocumentNode } from '@urql/core';

export interface Answer<Data> {
  data: Data | undefined;
  problems: string[];
  /** True when no answer came (network failure): a state change may or may not have happened. */
  lost: boolean;
}

export async function ask<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Answer<Data>> {
  return answerOf(await client.query(document, variables).toPromise());
}

export async function change<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Answer<Data>> {
  return answerOf(await client.mutation(document, variables).toPromise());
}

export function answerOf<Data>(result: OperationResult<Data>): Answer<Data> {
  return {
    data: result.data ?? undefined,
    problems: result.error ? describe(result.error) : [],
    lost: Boolean(result.error?.networkError) && !result.error?.response,
  };
}

function describe(error: CombinedError): string[] {
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return ['Not signed in, or the credentials were refused (HTTP 401): sign in again.'];
  if (error.graphQLErrors.length > 0)
    return error.graphQLErrors.map((graphQLError) => {
      const code = graphQLError.extensions?.code;
      const where = graphQLError.path ? ` at ${graphQLError.path.join('.')}` : '';
      return `${graphQLError.message}${typeof code === 'string' ? ` (${code}${where})` : ''}`;
    });
  return [error.networkError ? `The gateway could not be reached: ${error.networkError.message}` : error.message];
}

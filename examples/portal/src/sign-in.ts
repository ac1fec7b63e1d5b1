// Where the page carries no credentials (a gateway against a real MDM, PORTAL=on): ask for them. An MDM
// administrator's name and password (pass-through mode) become a Basic header; a bearer token (service mode) is
// sent as it is. They are proven with one `viewer` query and kept in this page's memory only: a reload asks again.
import type { Client } from '@urql/core';
import { ask } from './answers.js';
import { createPortalClient } from './client.js';
import { fill, h } from './dom.js';
import type { PortalViewerQuery } from './gql/graphql.js';
import { ViewerQuery } from './operations/viewer.js';
import { problemList } from './views/problems.js';

export type Viewer = PortalViewerQuery['viewer'];

export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** Proves an Authorization header: the viewer it signs in as, or the problems the gateway answered. */
export async function signIn(
  endpoint: string,
  authorization: string,
): Promise<{ client: Client; viewer: Viewer } | { problems: string[] }> {
  const client = createPortalClient(endpoint, authorization);
  const answer = await ask(client, ViewerQuery, {});
  const viewer = answer.data?.viewer;
  return viewer ? { client, viewer } : { problems: answer.problems };
}

export function signInForm(endpoint: string, onSignedIn: (client: Client, viewer: Viewer) => void): HTMLElement {
  const problems = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Your MDM administrator account, or a bearer token for a gateway in service mode.'),
    h('label', {}, 'User name', h('input', { name: 'username', autocomplete: 'username' })),
    h('label', {}, 'Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password' })),
    h('label', {}, 'or bearer token', h('input', { name: 'token', autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    problems,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const authorization = field('token')
      ? `Bearer ${field('token')}`
      : basicAuthorization(field('username'), String(data.get('password') ?? ''));
    const outcome = await signIn(endpoint, authorization);
    if ('problems' in outcome) fill(problems, problemList(outcome.problems));
    else onSignedIn(outcome.client, outcome.viewer);
  });
  return form;
}

// Entry point of the bundle: read the host page's settings, sign in (with the page's credentials where it carries
// them), then start the portal.
import { startApp } from './app.js';
import { fill, h } from './dom.js';
import { readSettings } from './settings.js';
import { signIn, signInForm } from './sign-in.js';
import { problemList } from './views/problems.js';

async function start(root: HTMLElement): Promise<void> {
  const settings = readSettings(document);
  const form = () => signInForm(settings.endpoint, (client, viewer) => startApp(root, client, viewer));
  if (!settings.authorization) return fill(root, h('div', { class: 'page' }, form()));
  const outcome = await signIn(settings.endpoint, settings.authorization);
  if ('problems' in outcome) fill(root, h('div', { class: 'page' }, problemList(outcome.problems), form()));
  else startApp(root, outcome.client, outcome.viewer);
}

const root = document.getElementById('portal');
if (root) void start(root);
else document.body.append(h('p', {}, 'The host page needs an element with id="portal".'));

// Problems of an answer, shown where the screen's data would be (or above it, for a partial answer).
import { h } from '../dom.js';

export function problemList(problems: readonly string[]): HTMLElement | null {
  if (problems.length === 0) return null;
  return h('ul', { class: 'problems', role: 'alert' }, ...problems.map((problem) => h('li', {}, problem)));
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading' }, `Loading ${what}…`);
}

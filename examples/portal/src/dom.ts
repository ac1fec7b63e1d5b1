// The one way the portal builds DOM: elements with attributes, listeners and children, text always as text nodes.
// Nothing the gateway answers is ever parsed as HTML, so a device named `<img onerror=…>` stays a name.
export type Child = Node | string | number | null | undefined | false | readonly Child[];

export type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...nodes(children));
  return element;
}

/** Children as nodes: nested lists flattened, strings and numbers as text, empty values dropped. */
export function nodes(children: readonly Child[]): Node[] {
  return children.flatMap((child): Node[] => {
    if (child === null || child === undefined || child === false) return [];
    if (Array.isArray(child)) return nodes(child);
    if (child instanceof Node) return [child];
    return [document.createTextNode(String(child))];
  });
}

/** Replaces an element's content. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...nodes(children));
}

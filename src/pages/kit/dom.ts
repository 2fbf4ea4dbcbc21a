// A few DOM helpers for the pages. Text always goes through textContent, so a value read from a
// cell is shown as text and never interpreted as HTML.

import { typeset } from '../../core/text';

type Child = Node | string | null | undefined | false;

/** Sets an element's text, with French typography (the same function as every mail and page). */
/** The page's element with this id; a missing one is a fault of the page itself, said at once. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Page incomplète : aucun élément « ${id} ».`);
  return element as T;
}

export function setText(element: Node, text: string): void {
  element.textContent = typeset(text);
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(typeset(child)) : child);
  }
  return element;
}

/** A safe link: only http(s) addresses become links; anything else is shown as text. */
export function link(text: string, href: string): HTMLElement {
  if (!/^https?:\/\//i.test(href)) return h('span', {}, text);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function showError(container: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  container.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, message));
}

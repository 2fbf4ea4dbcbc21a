// A few DOM helpers for the pages. Text always goes through textContent, so a value read from a
// cell is shown as text and never interpreted as HTML.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
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

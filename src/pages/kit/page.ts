// Shared page behaviour: a status area for errors and confirmations, and a button that is disabled
// while the server works.

import { h, setText } from './dom';

export function statusArea(container: HTMLElement): {
  error(error: unknown): void;
  success(lines: readonly string[]): void;
  clear(): void;
} {
  const show = (node: HTMLElement): void => container.replaceChildren(node);
  return {
    error(error) {
      const message = error instanceof Error ? error.message : String(error);
      show(h('div', { class: 'alert alert-error', role: 'alert' }, message));
    },
    success(lines) {
      show(
        h(
          'div',
          { class: 'alert alert-success', role: 'status' },
          ...lines.map((l) => h('p', {}, l)),
        ),
      );
    },
    clear() {
      container.replaceChildren();
    },
  };
}

/** Runs `work` with the button disabled and its label changed, whatever the outcome. */
export async function whileBusy<T>(
  button: HTMLButtonElement,
  busyLabel: string,
  work: () => Promise<T>,
): Promise<T> {
  const label = button.textContent ?? '';
  button.setAttribute('disabled', '');
  setText(button, busyLabel);
  try {
    return await work();
  } finally {
    button.removeAttribute('disabled');
    setText(button, label);
  }
}

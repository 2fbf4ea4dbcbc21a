// Form helpers: read named fields, show the server's French messages next to each field.

import { setText } from './dom';
export function fieldValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return field ? field.value : '';
}

/** Shows each message under its field (an element with id "error-<name>") and marks the field. */
export function showFieldErrors(
  form: HTMLFormElement,
  errors: Readonly<Record<string, string>>,
): void {
  for (const element of Array.from(form.querySelectorAll<HTMLElement>('.field-error')))
    setText(element, '');
  for (const field of Array.from(form.querySelectorAll('[aria-invalid]')))
    field.removeAttribute('aria-invalid');
  for (const [name, message] of Object.entries(errors)) {
    const holder = form.querySelector<HTMLElement>(`#error-${CSS.escape(name)}`);
    if (holder) setText(holder, message);
    const field = form.elements.namedItem(name) as HTMLElement | null;
    if (field && 'setAttribute' in field) field.setAttribute('aria-invalid', 'true');
  }
  const first = Object.keys(errors)[0];
  if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus?.();
}

/** Today as yyyy-mm-dd, the value of a date input. */
export function todayIso(): string {
  const today = new Date();
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
}

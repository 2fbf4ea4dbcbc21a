// The import sidebar: reads the chosen CSV in the browser and sends its text to the server, which
// parses and imports it.

import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';

const form = document.getElementById('form') as HTMLFormElement;
const input = document.getElementById('file') as HTMLInputElement;
const button = document.getElementById('submit') as HTMLButtonElement;
const status = statusArea(document.getElementById('status') as HTMLElement);

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(`Lecture du fichier « ${file.name} » impossible.`));
    reader.readAsText(file, 'UTF-8');
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = input.files?.[0];
  if (!file) {
    status.error('Choisissez d’abord le fichier CSV exporté de démarches simplifiées.');
    return;
  }
  status.clear();
  whileBusy(button, 'Import en cours…', async () => {
    const text = await readText(file);
    const outcome = await server('importDsCsv', text, file.name);
    status.success(outcome.lines);
  }).catch((error: unknown) => status.error(error));
});

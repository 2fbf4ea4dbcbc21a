// The import sidebar: reads the chosen CSV in the browser and sends its bytes to the server, which
// tells the encoding, parses and imports it.

import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';
import { byId } from '../kit/dom';

const form = byId<HTMLFormElement>('form');
const input = byId<HTMLInputElement>('file');
const button = byId<HTMLButtonElement>('submit');
const status = statusArea(byId('status'));

/** The file's bytes in base64: the server tells UTF-8 from Windows-1252 (Excel on Windows). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      resolve(btoa(binary));
    };
    reader.onerror = () => reject(new Error(`Lecture du fichier « ${file.name} » impossible.`));
    reader.readAsArrayBuffer(file);
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
    const base64 = await readBase64(file);
    const outcome = await server('importDsCsvFile', base64, file.name);
    status.success(outcome.lines);
  }).catch((error: unknown) => status.error(error));
});

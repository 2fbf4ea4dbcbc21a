// The "Connexion démarches simplifiées" page: démarche number, platform address and API token (kept
// in the user's own properties; the page only learns whether one is set), connection test and sync.

import { byId, h, setText } from '../kit/dom';
import { fieldValue, showFieldErrors } from '../kit/form';
import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';
import type { DsConnectionView } from '../../shared/api';

const form = byId<HTMLFormElement>('form');
const status = statusArea(byId('status-area'));
const tokenInput = byId<HTMLInputElement>('token');
const tokenState = byId('token-state');
const removeButton = byId<HTMLButtonElement>('remove');
const last = byId('last');

/** Shows the saved settings; values go through `value` and `setText` (text, typeset), never as HTML. */
function show(view: DsConnectionView): void {
  byId<HTMLInputElement>('demarche').value = view.demarche;
  byId<HTMLInputElement>('url').value = view.url;
  byId<HTMLInputElement>('beforeReminders').checked = view.beforeReminders;
  byId('hosts').replaceChildren(
    h('option', { value: view.defaultUrl }),
    h('option', { value: view.oldUrl }),
  );
  tokenInput.value = '';
  setText(
    tokenState,
    view.hasToken
      ? 'Un jeton est enregistré pour votre compte. Pour le remplacer, collez-en un nouveau.'
      : 'Aucun jeton enregistré : collez celui créé dans votre profil démarches simplifiées (« Jetons d’API »).',
  );
  tokenInput.placeholder = view.hasToken ? '•••••••• (enregistré)' : 'Jeton d’API';
  removeButton.hidden = !view.hasToken;
  const lines = [
    view.lastSync === ''
      ? 'Aucune synchronisation complète : la première lira tous les dossiers.'
      : `Dernière modification lue : ${view.lastSync}.`,
  ];
  if (view.pending) lines.push('Une synchronisation en pause reprendra seule.');
  setText(last, lines.join(' '));
}

server('getDsConnection').then(show).catch(status.error);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  status.clear();
  whileBusy(byId<HTMLButtonElement>('submit'), 'Enregistrement…', () =>
    server('saveDsConnection', {
      demarche: fieldValue(form, 'demarche'),
      url: fieldValue(form, 'url'),
      token: tokenInput.value,
      beforeReminders: byId<HTMLInputElement>('beforeReminders').checked,
    }),
  )
    .then((result) => {
      showFieldErrors(form, result.errors);
      if (!result.ok) return;
      show(result.view);
      status.success([result.message]);
    })
    .catch(status.error);
});

removeButton.addEventListener('click', () => {
  status.clear();
  whileBusy(removeButton, 'Suppression…', () => server('removeDsToken'))
    .then((view) => {
      show(view);
      status.success(['Jeton supprimé.']);
    })
    .catch(status.error);
});

const testButton = byId<HTMLButtonElement>('test');
testButton.addEventListener('click', () => {
  status.clear();
  whileBusy(testButton, 'Test en cours…', () => server('testDsConnection'))
    .then((lines) => status.success(lines))
    .catch(status.error);
});

const syncButton = byId<HTMLButtonElement>('sync');
syncButton.addEventListener('click', () => {
  status.clear();
  whileBusy(syncButton, 'Synchronisation…', () => server('syncDsNow'))
    .then((result) => {
      status.success(result.lines);
      return server('getDsConnection').then(show);
    })
    .catch(status.error);
});

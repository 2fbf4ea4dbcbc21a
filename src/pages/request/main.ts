// The "Demande" form: logs a member's request so that unanswered ones are reminded.

import { todayIso, fieldValue, showFieldErrors } from '../kit/form';
import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';
import { byId } from '../kit/dom';

const form = byId<HTMLFormElement>('form');
const status = statusArea(byId('status-area'));
byId<HTMLInputElement>('date').value = todayIso();

form.addEventListener('submit', (event) => {
  event.preventDefault();
  status.clear();
  whileBusy(byId<HTMLButtonElement>('submit'), 'Enregistrement…', () =>
    server('saveRequest', {
      date: fieldValue(form, 'date'),
      uai: fieldValue(form, 'uai'),
      subject: fieldValue(form, 'subject'),
      status: fieldValue(form, 'status'),
    }),
  )
    .then((result) => {
      showFieldErrors(form, result.errors);
      if (result.ok) status.success([result.message]);
      else status.error(result.message);
    })
    .catch(status.error);
});

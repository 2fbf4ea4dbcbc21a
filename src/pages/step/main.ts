// The "Étape" form: the services of the member and, for each, the steps of its path (TPE differs for
// public and private schools); today by default.

import { checkUai } from '../../core/uai';
import { byId, h, setText } from '../kit/dom';
import { todayIso, fieldValue } from '../kit/form';
import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';
import type { MemberChoices } from '../../shared/api';

const form = byId<HTMLFormElement>('form');
const uai = byId<HTMLInputElement>('uai');
const service = byId<HTMLSelectElement>('service');
const step = byId<HTMLSelectElement>('step');
const submit = byId<HTMLButtonElement>('submit');
const memberHint = byId('member');
const current = byId('current');
const status = statusArea(byId('status-area'));
byId<HTMLInputElement>('date').value = todayIso();
let choices: MemberChoices | undefined;

function fillSteps(): void {
  const chosen = choices?.services.find((s) => s.id === service.value);
  step.replaceChildren(...(chosen?.steps ?? []).map((s) => h('option', { value: s.id }, s.label)));
  setText(current, chosen ? `Étape actuelle : ${chosen.current}` : '');
}

function loadChoices(): void {
  const check = checkUai(uai.value);
  if (check.problem) {
    setText(memberHint, 'UAI incomplet ou incorrect.');
    return;
  }
  server('getStepChoices', check.normalized)
    .then((loaded) => {
      choices = loaded;
      setText(memberHint, loaded.name);
      service.replaceChildren(...loaded.services.map((s) => h('option', { value: s.id }, s.label)));
      service.disabled = false;
      step.disabled = false;
      submit.disabled = false;
      fillSteps();
    })
    .catch(status.error);
}

uai.addEventListener('change', () => {
  status.clear();
  loadChoices();
});
service.addEventListener('change', fillSteps);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  status.clear();
  whileBusy(submit, 'Enregistrement…', () =>
    server('recordStep', {
      uai: fieldValue(form, 'uai'),
      service: fieldValue(form, 'service'),
      step: fieldValue(form, 'step'),
      date: fieldValue(form, 'date'),
      comment: fieldValue(form, 'comment'),
    }),
  )
    .then((message) => {
      status.success([message]);
      loadChoices(); // the current step changed
    })
    .catch(status.error);
});

// The "Adhérent" form: live check of the UAI's letter, functional address suggested from the UAI,
// existing member loaded for editing; the server checks everything again.

import { checkUai } from '../../core/uai';
import { SERVICES } from '../../core/services';
import { byId, h, setText } from '../kit/dom';
import { fieldValue, showFieldErrors } from '../kit/form';
import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';

const form = byId<HTMLFormElement>('form');
const uaiInput = byId<HTMLInputElement>('uai');
const uaiCheck = byId('uai-check');
const emailInput = byId<HTMLInputElement>('email');
const emailHint = byId('email-hint');
const status = statusArea(byId('status-area'));
const set = (name: string, value: string): void => {
  (form.elements.namedItem(name) as HTMLInputElement).value = value;
};

const services = byId('services');
for (const service of SERVICES) {
  const id = `qty_${service.id}`;
  services.append(
    h('label', { for: id }, `${service.label} (${service.provider})`),
    h('input', {
      id,
      name: id,
      type: 'text',
      inputmode: 'numeric',
      maxlength: '4',
      placeholder: '0',
    }),
    h('div', { id: `error-${id}`, class: 'field-error' }),
  );
}

let loaded = '';
let domain = 'ac-nancy-metz.fr';
server('getFormDefaults')
  .then((defaults) => {
    domain = defaults.domain;
  })
  .catch(status.error);
uaiInput.addEventListener('input', () => {
  const check = checkUai(uaiInput.value);
  if (check.problem === 'empty') setText(uaiCheck, '');
  else if (check.problem === 'format')
    setText(uaiCheck, '7 chiffres puis une lettre (ex. 0540015Y).');
  else if (check.problem === 'checkLetter')
    setText(uaiCheck, `Lettre de contrôle attendue : ${check.expectedLetter}.`);
  else {
    setText(uaiCheck, '✓ Lettre de contrôle correcte.');
    const suggestion = `ce.${check.normalized.toLowerCase()}@${domain}`;
    setText(emailHint, `Adresse habituelle : ${suggestion}`);
    if (emailInput.value === '') emailInput.value = suggestion;
    if (loaded !== check.normalized) {
      loaded = check.normalized;
      server('getMember', check.normalized)
        .then((member) => {
          if (!member) return;
          for (const key of ['name', 'commune', 'status', 'email', 'wave', 'convention'] as const)
            set(key, member[key]);
          for (const [id, value] of Object.entries(member.quantities)) set(`qty_${id}`, value);
          status.success([
            `Adhérent trouvé (ligne ${member.row}) : vos modifications mettront sa ligne à jour.`,
          ]);
        })
        .catch(status.error);
    }
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  status.clear();
  const button = byId<HTMLButtonElement>('submit');
  whileBusy(button, 'Enregistrement…', () =>
    server('saveMember', {
      uai: fieldValue(form, 'uai'),
      name: fieldValue(form, 'name'),
      commune: fieldValue(form, 'commune'),
      status: fieldValue(form, 'status'),
      email: fieldValue(form, 'email'),
      wave: fieldValue(form, 'wave'),
      convention: fieldValue(form, 'convention'),
      quantities: Object.fromEntries(SERVICES.map((s) => [s.id, fieldValue(form, `qty_${s.id}`)])),
    }),
  )
    .then((result) => {
      showFieldErrors(form, result.errors);
      if (result.ok) status.success([result.message]);
      else status.error(result.message);
    })
    .catch(status.error);
});

// The mailing sidebar: choose the members by service, step and wave; preview each message as it will
// look; send a test to oneself; confirm (messages, recipients, quota left) before the mass send.

import { byId, h } from '../kit/dom';
import { statusArea, whileBusy } from '../kit/page';
import { server } from '../kit/server';
import type { MailingFilter, MailingOptions, MailingPreview } from '../../shared/api';
import { agreement, formatNumberFr, plural } from '../../shared/french';

const service = byId<HTMLSelectElement>('service');
const step = byId<HTMLSelectElement>('step');
const wave = byId<HTMLSelectElement>('wave');
const summary = byId('summary');
const messageArea = byId('message');
const status = statusArea(byId('status'));
let options: MailingOptions | undefined;
let index = 0;

const option = (value: string, label: string): HTMLOptionElement => h('option', { value }, label);

const resend = byId<HTMLInputElement>('resend');
const confirmArea = byId('confirm');

function filter(): MailingFilter {
  return {
    service: service.value,
    step: step.value || undefined,
    wave: wave.value || undefined,
    resend: resend.checked,
  };
}

function fillSteps(): void {
  const steps = options?.services.find((s) => s.id === service.value)?.steps ?? [];
  step.replaceChildren(option('', 'Toutes'), ...steps.map((s) => option(s, s)));
}

function show(preview: MailingPreview): void {
  index = preview.index;
  summary.replaceChildren(
    h(
      'p',
      {},
      `${plural(preview.count, 'message')}, ${plural(preview.recipients, 'destinataire')} ; quota restant aujourd’hui : ${formatNumberFr(preview.quota)}.`,
    ),
    ...(preview.already > 0
      ? [
          h(
            'p',
            {},
            `${plural(preview.already, 'adhérent a', 'adhérents ont')} déjà ce message dans la feuille Envois : il ne repart pas${resend.checked ? ' (sauf ceux déjà envoyés, renvoyés à votre demande)' : ` ; cochez « Renvoyer » pour ${agreement(preview.already, 'le lui', 'le leur')} renvoyer`}.`,
          ),
        ]
      : []),
    ...preview.problems.map((p) => h('div', { class: 'alert alert-warning' }, p)),
    ...preview.skipped.map((p) =>
      h('div', { class: 'alert alert-warning' }, `Non concerné : ${p}`),
    ),
  );
  if (!preview.message) {
    messageArea.replaceChildren(
      h('p', { class: 'muted' }, 'Aucun adhérent ne correspond à ces critères.'),
    );
    return;
  }
  const frame = h('iframe', {
    sandbox: '',
    title: 'Aperçu du message',
    style: 'width:100%;height:260px;border:1px solid #d0d0d0',
  });
  frame.srcdoc = preview.message.html;
  const lines: HTMLElement[] = [
    h('p', {}, h('strong', {}, `Message ${preview.index + 1} / ${preview.count}`)),
    h('p', {}, `À : ${preview.message.to}`),
    h('p', {}, `Objet : ${preview.message.subject}`),
  ];
  if (preview.message.cc) lines.splice(2, 0, h('p', {}, `Copie : ${preview.message.cc}`));
  messageArea.replaceChildren(...lines, frame);
}

function preview(at: number): void {
  status.clear();
  whileBusy(byId('preview'), 'Aperçu…', () =>
    server('previewInstructions', filter(), at).then(show),
  ).catch(status.error);
}

server('getMailingOptions')
  .then((loaded) => {
    options = loaded;
    service.replaceChildren(...loaded.services.map((s) => option(s.id, s.label)));
    wave.replaceChildren(option('', 'Toutes'), ...loaded.waves.map((w) => option(w, w)));
    fillSteps();
    if (loaded.testMode)
      byId('mode').replaceChildren(
        h(
          'div',
          { class: 'alert alert-warning' },
          'Mode test : tous les messages partent vers le coordonnateur, avec [TEST] dans l’objet.',
        ),
      );
  })
  .catch(status.error);

service.addEventListener('change', fillSteps);
byId('preview').addEventListener('click', () => preview(0));
byId('previous').addEventListener('click', () => preview(Math.max(0, index - 1)));
byId('next').addEventListener('click', () => preview(index + 1));
byId('test').addEventListener('click', () => {
  status.clear();
  whileBusy(byId<HTMLButtonElement>('test'), 'Envoi du test…', () =>
    server('sendInstructionsTest', filter(), index),
  )
    .then((text) => status.success([text]))
    .catch(status.error);
});
// The confirmation lives in the page: a browser may suppress window.confirm inside the sidebar.
function askConfirmation(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', id: 'confirm-yes' }, 'Oui, envoyer');
    const no = h('button', { type: 'button', id: 'confirm-no', class: 'link' }, 'Annuler');
    const done = (answer: boolean): void => {
      confirmArea.replaceChildren();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    confirmArea.replaceChildren(
      h('div', { class: 'alert alert-warning', role: 'alertdialog' }, h('p', {}, text), yes, no),
    );
    yes.focus();
  });
}

byId('form').addEventListener('submit', (event) => {
  event.preventDefault();
  status.clear();
  // What is confirmed is what is sent: the choice is read once, and frozen while the page asks.
  const chosen = filter();
  const controls = [service, step, wave, resend];
  whileBusy(byId<HTMLButtonElement>('send'), 'Préparation…', async () => {
    controls.forEach((c) => (c.disabled = true));
    try {
      const current = await server('previewInstructions', chosen, index);
      show(current);
      if (current.problems.length > 0)
        throw new Error('Rien à envoyer tant que les problèmes signalés ne sont pas corrigés.');
      if (current.count === 0) throw new Error('Aucun message à envoyer pour ces critères.');
      const ok = await askConfirmation(
        `Envoyer ${plural(current.count, 'message')} à ${plural(current.recipients, 'destinataire')} ? Quota restant aujourd’hui : ${formatNumberFr(current.quota)}.`,
      );
      if (!ok) return;
      const lines = await server('startInstructions', chosen);
      status.success(lines);
    } finally {
      controls.forEach((c) => (c.disabled = false));
    }
  }).catch(status.error);
});

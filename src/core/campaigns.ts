// Building the messages of a campaign from the workbook's data: the transmissions to providers (one
// message per provider listing its members still to transmit, as a table and a CSV attachment) and
// the instructions to members (one message per member, the template of its service).

import { pathOf, PATHS, type TrackedService } from './catalogue';
import { csvCell } from './csv';
import { splitAddresses } from './ledger';
import type { CellValue } from './schema';
import { SETTINGS, type Settings } from './settings';
import { MEMBERS_SHEET } from './sheets';
import {
  renderTemplate,
  type Template,
  TemplateError,
  type View,
  viewOf,
  ATTACH_LIST,
} from './templates';
import { cellText, escapeHtml, normalizeKey, rawText } from './text';
import { DROPPED, stepsFor, TRACKING_SHEET, TRACKING_STATUS } from './tracking';
import { coordinatorItems, type ReminderRule } from './reminders';
import { MAIL_STATUS } from './ledger';

export type CampaignKind = 'transmission' | 'instructions' | 'reminders' | 'digest';

export interface InstructionsFilter {
  readonly service: string;
  readonly step?: string;
  readonly wave?: string;
}

export interface Campaign {
  readonly id: string;
  readonly kind: CampaignKind;
  readonly filter?: InstructionsFilter;
  /** Reminders and digests: the day (yyyy-mm-dd) they are for. */
  readonly day?: string;
}

export interface Attachment {
  readonly name: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface OutgoingMessage {
  readonly id: string;
  readonly campaign: string;
  readonly memberKey: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  /** For a transmission: the UAIs listed, whose "Suivi" rows move on once it is sent. */
  readonly listed: readonly string[];
  readonly service?: TrackedService;
}

export interface MergeData {
  readonly members: readonly Readonly<Record<string, CellValue>>[];
  readonly tracking: readonly Readonly<Record<string, CellValue>>[];
  readonly templates: readonly Template[];
  readonly settings: Settings;
  /** Address of the coordinator (Paramètres, or the account running the tool). */
  readonly coordinator: string;
  /** Reminder rules, school calendar, requests and ledger rows (daily reminders and digest). */
  readonly rules?: readonly ReminderRule[];
  readonly requests?: readonly Readonly<Record<string, CellValue>>[];
  readonly ledger?: readonly Readonly<Record<string, CellValue>>[];
}

export interface CampaignPlan {
  readonly messages: readonly OutgoingMessage[];
  /** French reasons why something cannot be sent; nothing is sent while there are any. */
  readonly problems: readonly string[];
}

const setting = (settings: Settings, key: string): string => {
  const value = settings.get(key);
  return Array.isArray(value) ? value.join(', ') : cellText(value ?? '');
};

/** Settings, offered to templates by their label and by their key. */
function settingsView(settings: Settings): View {
  const view: View = {};
  for (const spec of SETTINGS) {
    const value = setting(settings, spec.key);
    view[normalizeKey(spec.label)] = value;
    view[normalizeKey(spec.key)] = value;
  }
  return view;
}

function memberView(member: Readonly<Record<string, CellValue>>): View {
  return viewOf(
    Object.fromEntries(MEMBERS_SHEET.columns.map((c) => [c.header, member[c.key] ?? ''])),
  );
}

function trackingView(row: Readonly<Record<string, CellValue>> | undefined): View {
  if (!row) return {};
  return viewOf(
    Object.fromEntries(
      TRACKING_SHEET.columns
        .filter((c) => ['step', 'stepDate', 'nextAction'].includes(c.key))
        .map((c) => [c.header, row[c.key] ?? '']),
    ),
  );
}

function withTestMode(message: OutgoingMessage, data: MergeData): OutgoingMessage {
  if (data.settings.get('envois.modeTest') !== true) return message;
  return { ...message, to: [data.coordinator], cc: [], subject: `[TEST] ${message.subject}` };
}

function findTemplate(
  templates: readonly Template[],
  audience: string,
  service: string,
  id: string,
): Template | undefined {
  return (
    templates.find((t) => t.active && t.id === id) ??
    templates.find(
      (t) =>
        t.active &&
        normalizeKey(t.audience) === normalizeKey(audience) &&
        normalizeKey(t.service) === normalizeKey(service),
    )
  );
}

function render(
  template: Template,
  view: View,
  problems: string[],
): ReturnType<typeof renderTemplate> | undefined {
  try {
    return renderTemplate(template, view);
  } catch (error) {
    if (error instanceof TemplateError) {
      if (!problems.includes(error.message)) problems.push(error.message);
      return undefined;
    }
    throw error;
  }
}

const PROVIDER_SETTING: Readonly<Record<string, string>> = {
  vote: 'transmission.kercia',
  tpe: 'transmission.exm',
  pdf: 'transmission.foxit',
  rgs: 'transmission.certigna',
  signature: 'transmission.yousign',
};

/** One message per provider listing its members whose "Suivi" row is still "À transmettre". */
export function planTransmissions(campaign: string, data: MergeData): CampaignPlan {
  const problems: string[] = [];
  const messages: OutgoingMessage[] = [];
  const membersByUai = new Map(data.members.map((m) => [rawText(m.uai).toUpperCase(), m]));
  const base = settingsView(data.settings);
  for (const path of PATHS.filter((p) => p.service !== 'convention')) {
    const rows = data.tracking.filter((r) => {
      const [, service] = rawText(r.key).split('|');
      const steps = stepsFor(path.service, r.schoolStatus);
      return (
        service === path.service &&
        rawText(r.step) === steps[0].label &&
        rawText(r.subscription) !== DROPPED
      );
    });
    if (rows.length === 0) continue;
    const address = setting(data.settings, PROVIDER_SETTING[path.service]);
    if (address === '') {
      problems.push(
        `${path.provider} : ${rows.length} établissement(s) à transmettre, mais l’adresse de transmission est vide (Paramètres, « Adresse de transmission ${path.provider} »).`,
      );
      continue;
    }
    const template = findTemplate(
      data.templates,
      'prestataire',
      path.label,
      `transmission-${normalizeKey(path.provider)}`,
    );
    if (!template) {
      problems.push(
        `${path.provider} : aucun modèle actif pour les prestataires et le service « ${path.label} » (feuille Modèles).`,
      );
      continue;
    }
    const listed = rows.map((r) => {
      const uai = rawText(r.uai).toUpperCase();
      const member = membersByUai.get(uai) ?? {};
      const quantity = member[`qty_${path.service}`] ?? '';
      return { uai, member, quantity };
    });
    const view: View = {
      ...base,
      service: path.label,
      prestataire: path.provider,
      nombre: String(listed.length),
      adherents: listed.map((l) => ({ ...memberView(l.member), quantite: cellText(l.quantity) })),
    };
    const rendered = render(template, view, problems);
    if (!rendered) continue;
    const columns = [
      'UAI',
      'Établissement',
      'Commune',
      'Statut',
      'Adresse fonctionnelle',
      'Quantité',
    ];
    const lines = listed.map((l) => [
      l.uai,
      rawText(l.member.name),
      rawText(l.member.commune),
      rawText(l.member.status),
      rawText(l.member.email),
      cellText(l.quantity),
    ]);
    const table = `<table style="border-collapse: collapse" border="1" cellpadding="4"><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${lines.map((l) => `<tr>${l.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('')}</table>`;
    const csv = `\ufeff${[columns, ...lines].map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`;
    const withList = template.attachment === ATTACH_LIST;
    messages.push(
      withTestMode(
        {
          id: `${campaign}|${path.provider}`,
          campaign,
          memberKey: path.provider,
          to: splitAddresses(address),
          cc: splitAddresses(template.cc),
          subject: rendered.subject,
          html: rendered.html.replace(/<\/div>$/, `${table}\n</div>`),
          text: `${rendered.text}\n\n${lines.map((l) => l.join(' ; ')).join('\n')}\n`,
          attachments: withList
            ? [
                {
                  name: `soumissionnement-${normalizeKey(path.provider)}.csv`,
                  mimeType: 'text/csv',
                  content: csv,
                },
              ]
            : [],
          listed: listed.map((l) => l.uai),
          service: path.service,
        },
        data,
      ),
    );
  }
  return { messages, problems };
}

/** The members a mailing concerns: their tracking row for the service, filtered by step and wave. */
export function instructionTargets(
  filter: InstructionsFilter,
  data: MergeData,
): Readonly<Record<string, CellValue>>[] {
  const path = PATHS.find(
    (p) => p.service === filter.service || normalizeKey(p.label) === normalizeKey(filter.service),
  );
  if (!path) return [];
  return data.tracking.filter((r) => {
    const [, service] = rawText(r.key).split('|');
    if (service !== path.service || rawText(r.subscription) === DROPPED) return false;
    if (filter.step && normalizeKey(rawText(r.step)) !== normalizeKey(filter.step)) return false;
    if (filter.wave && normalizeKey(rawText(r.wave)) !== normalizeKey(filter.wave)) return false;
    return true;
  });
}

/** One message per member concerned, with the template of the service (TPE: public or private). */
export function planInstructions(
  campaign: string,
  filter: InstructionsFilter,
  data: MergeData,
): CampaignPlan {
  const problems: string[] = [];
  const path = PATHS.find(
    (p) => p.service === filter.service || normalizeKey(p.label) === normalizeKey(filter.service),
  );
  if (!path) return { messages: [], problems: [`Service « ${filter.service} » inconnu.`] };
  const membersByUai = new Map(data.members.map((m) => [rawText(m.uai).toUpperCase(), m]));
  const base = settingsView(data.settings);
  const messages: OutgoingMessage[] = [];
  for (const row of instructionTargets(filter, data)) {
    const uai = rawText(row.uai).toUpperCase();
    const member = membersByUai.get(uai);
    if (!member) continue;
    const variant =
      path.service === 'tpe'
        ? rawText(member.status) === 'Privé'
          ? 'TPE (privé)'
          : 'TPE (public)'
        : path.label;
    const id =
      path.service === 'tpe'
        ? variant === 'TPE (privé)'
          ? 'adherent-tpe-prive'
          : 'adherent-tpe-public'
        : `adherent-${path.service}`;
    const template = findTemplate(data.templates, 'adhérent', variant, id);
    if (!template) {
      const message = `Aucun modèle actif pour les adhérents et le service « ${variant} » (feuille Modèles).`;
      if (!problems.includes(message)) problems.push(message);
      continue;
    }
    const to = splitAddresses(rawText(member.email));
    if (to.length === 0) {
      problems.push(
        `${uai} (${rawText(member.name)}) : adresse fonctionnelle absente (feuille Adhérents) ; complétez-la ou retirez l’établissement de l’envoi.`,
      );
      continue;
    }
    const view: View = {
      ...base,
      ...memberView(member),
      ...trackingView(row),
      service: pathOf(path.service).label,
      prestataire: path.provider,
    };
    const rendered = render(template, view, problems);
    if (!rendered) continue;
    messages.push(
      withTestMode(
        {
          id: `${campaign}|${uai}`,
          campaign,
          memberKey: uai,
          to,
          cc: splitAddresses(template.cc),
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          attachments: [],
          listed: [],
        },
        data,
      ),
    );
  }
  return { messages, problems };
}

/**
 * A reminder for every member row whose step has an active member rule: which of them are due is
 * decided when the campaign is planned (delay, interval, maximum, calendar); building them all
 * keeps the messages of planned rows available when a later run sends them.
 */
export function planReminders(campaign: string, data: MergeData): CampaignPlan {
  const problems: string[] = [];
  const messages: OutgoingMessage[] = [];
  const membersByUai = new Map(data.members.map((m) => [rawText(m.uai).toUpperCase(), m]));
  const base = settingsView(data.settings);
  for (const row of data.tracking) {
    if (rawText(row.subscription) === DROPPED) continue;
    const rule = (data.rules ?? []).find(
      (r) =>
        r.active &&
        r.audience === 'adhérent' &&
        normalizeKey(r.service) === normalizeKey(rawText(row.service)) &&
        normalizeKey(r.step) === normalizeKey(rawText(row.step)),
    );
    const uai = rawText(row.uai).toUpperCase();
    const member = membersByUai.get(uai);
    if (!rule || !member) continue;
    const template = data.templates.find((t) => t.active && t.id === rule.template);
    if (!template) {
      const message = `Relance « ${rule.id} » : le modèle « ${rule.template} » est introuvable ou inactif (feuille Modèles).`;
      if (!problems.includes(message)) problems.push(message);
      continue;
    }
    const to = splitAddresses(rawText(member.email));
    if (to.length === 0) continue;
    const view: View = {
      ...base,
      ...memberView(member),
      ...trackingView(row),
      service: rawText(row.service),
    };
    const rendered = render(template, view, problems);
    if (!rendered) continue;
    messages.push(
      withTestMode(
        {
          id: `${campaign}|${rawText(row.key)}`,
          campaign,
          memberKey: rawText(row.key),
          to,
          cc: splitAddresses(template.cc),
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          attachments: [],
          listed: [rule.id],
        },
        data,
      ),
    );
  }
  return { messages, problems };
}

/** The coordinator's daily digest: reminders sent or waiting, coordinator rules, late items. */
export function planDigest(
  campaign: string,
  day: string,
  today: Date,
  data: MergeData,
): CampaignPlan {
  const reminders = (data.ledger ?? []).filter((r) => rawText(r.campaign) === `Relances ${day}`);
  const count = (status: string): number =>
    reminders.filter((r) => rawText(r.status) === status).length;
  const lateRows = data.tracking.filter((r) => rawText(r.status) === TRACKING_STATUS.late.label);
  const byActor = new Map<string, number>();
  for (const r of lateRows)
    byActor.set(rawText(r.actor) || '—', (byActor.get(rawText(r.actor) || '—') ?? 0) + 1);
  const sections: { title: string; lines: string[] }[] = [
    {
      title: 'Relances aux adhérents',
      lines: [
        `${count(MAIL_STATUS.sent)} envoyée(s) aujourd’hui, ${count(MAIL_STATUS.planned)} en attente du quota, ${count(MAIL_STATUS.error)} en erreur, ${count(MAIL_STATUS.check)} à vérifier.`,
      ],
    },
    ...coordinatorItems(
      data.rules ?? [],
      { tracking: data.tracking, members: data.members, requests: data.requests ?? [] },
      today,
    ).map((c) => ({ title: c.rule.label, lines: c.items })),
    {
      title: `En retard dans le Suivi (${lateRows.length})`,
      lines: [...byActor].sort((a, b) => b[1] - a[1]).map(([actor, n]) => `${actor} : ${n}`),
    },
  ];
  const subject = `Groupement d’achats – récapitulatif du ${day.split('-').reverse().join('/')}`;
  const html = `<div style="font-family: Arial, Helvetica, sans-serif; font-size: 14px">${sections
    .map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    )
    .join('\n')}</div>`;
  const text = sections
    .map((s) => `${s.title}\n${s.lines.map((l) => `- ${l}`).join('\n')}`)
    .join('\n\n');
  return {
    messages: [
      {
        id: `${campaign}|coordonnateur`,
        campaign,
        memberKey: 'coordonnateur',
        to: [data.coordinator],
        cc: [],
        subject,
        html,
        text,
        attachments: [],
        listed: [],
      },
    ],
    problems: [],
  };
}

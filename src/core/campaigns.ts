// Building the messages of the mail merge from the workbook's data: the transmissions to providers
// (one message per provider listing its members not yet transmitted, as a table and a CSV
// attachment), the instructions to members, the daily reminders and the coordinator's digest.
//
// Every message has an identity derived from what it is (see messageId in ledger.ts). Planning reads
// the ledger: a message whose identity is already there is never planned again, a school already
// listed in a transmission to a provider is never listed again, and a member with a reminder still
// pending or in doubt gets no new one. Only members whose census row has no blocking anomaly and
// whose functional address is exactly one valid address receive anything.

import { PATHS, pathOf, schoolStatusOf, type ServicePath, type TrackedService } from './catalogue';
import {
  instructionsIdPrefix,
  MAIL_STATUS,
  type MailStatus,
  mailStatusOf,
  messageId,
  parseMessageId,
  shortHash,
  splitAddresses,
  testId,
} from './ledger';
import { csvCell, csvText } from './csv';
import {
  type DigestMessage,
  ledgerMessage,
  type MemberMessage,
  type OutgoingMessage,
  type TransmissionMessage,
} from './messages';
import { quantityText, type ServiceId, serviceById } from './services';
import type { CellValue } from './schema';
import { isEmailAddress, type SettingKey, type Settings } from './settings';
import { SETTINGS } from './workbook/settings';
import { MEMBERS_SHEET } from './workbook/members';
import { renderTemplate, type Template, TemplateError, type View, viewOf } from './templates';
import { ATTACH_LIST } from './workbook/templates';
import { dayKey } from './calendar';
import {
  cellText,
  escapeHtml,
  formatDateFr,
  normalizeKey,
  plural,
  rawText,
  typeset,
  typesetHtml,
} from './text';
import { computeRow, findStep, isDropped, stepsFor } from './tracking';
import { TRACKING_SHEET } from './workbook/tracking';
import { coordinatorItems, type ReminderRule } from './reminders';

export interface InstructionsFilter {
  readonly service: string;
  readonly step?: string;
  readonly wave?: string;
}

export interface MergeData {
  readonly members: readonly Readonly<Record<string, CellValue>>[];
  readonly tracking: readonly Readonly<Record<string, CellValue>>[];
  readonly templates: readonly Template[];
  readonly settings: Settings;
  /** Address of the coordinator (Paramètres, or the account running the tool). */
  readonly coordinator: string;
  /** Reminder rules, requests and ledger rows (daily reminders and digest). */
  readonly rules?: readonly ReminderRule[];
  readonly requests?: readonly Readonly<Record<string, CellValue>>[];
  readonly ledger?: readonly Readonly<Record<string, CellValue>>[];
  /** UAIs whose census row has a blocking anomaly, with the reason: they receive nothing. */
  readonly blocked?: ReadonlyMap<string, string>;
  /** The day the plan is for (today). */
  readonly today: Date;
}

export interface CampaignPlan {
  readonly messages: readonly OutgoingMessage[];
  /** French reasons why nothing can be planned (a template, a setting). */
  readonly problems: readonly string[];
  /** Members or providers left out, each with the reason (French). */
  readonly skipped: readonly string[];
  /** Messages already in the ledger (planned, sent, in error or to check): not planned again. */
  readonly already: number;
}

/** Settings, offered to templates by their label and by their key. */
function settingsView(settings: Settings): View {
  const view: View = {};
  for (const spec of SETTINGS) {
    const value = settings.text(spec.key);
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

/** Test mode: the message goes to the coordinator alone, "[TEST]" in its subject. */
function addressed<M extends OutgoingMessage>(message: M, data: MergeData): M {
  if (data.settings.get('envois.modeTest') !== true) return typesetMessage(message);
  return typesetMessage({
    ...message,
    id: testId(message.id),
    to: [data.coordinator],
    cc: [],
    subject: `[TEST] ${message.subject}`,
  });
}

/** Every message as its recipient reads it: French typography on its subject and both parts. */
function typesetMessage<M extends OutgoingMessage>(message: M): M {
  return {
    ...message,
    subject: typeset(message.subject),
    html: typesetHtml(message.html),
    text: typeset(message.text),
  };
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
    // A template the engine cannot read (an unclosed {{#section}}…) is a problem of that template.
    const message =
      error instanceof TemplateError
        ? error.message
        : `Modèle « ${template.id} » illisible (${String((error as Error)?.message ?? error)}) : corrigez-le dans la feuille Modèles.`;
    if (!problems.includes(message)) problems.push(message);
    return undefined;
  }
}

/**
 * The services whose "soumissionnement" the coordinator transmits (the guide: Kercia, Foxit,
 * Yousign). Certigna gets its purchase orders from the schools themselves: no transmission.
 */
const PROVIDER_SETTING: Readonly<Partial<Record<TrackedService, SettingKey>>> = {
  vote: 'transmission.kercia',
  tpe: 'transmission.exm',
  pdf: 'transmission.foxit',
  signature: 'transmission.yousign',
};

/** The provider's transmission address ('' for a service with no transmission or no address). */
function providerAddress(settings: Settings, service: TrackedService): string {
  const key = PROVIDER_SETTING[service];
  return key ? settings.text(key) : '';
}

/**
 * The list sent to EXM is not part of the guide (schools send their merchant contract themselves):
 * only when the coordinator turns it on, and it lists schools at any step without moving them.
 */
export const EXM_LIST_SETTING = 'transmission.exmListe' satisfies SettingKey;

function transmits(service: TrackedService, settings: Settings): boolean {
  if (PROVIDER_SETTING[service] === undefined) return false;
  return service !== 'tpe' || settings.get(EXM_LIST_SETTING) === true;
}

const uaiOf = (value: unknown): string => rawText(value).trim().toUpperCase();

/** What the ledger already holds, as planning needs it. */
export interface LedgerState {
  /** Status of each message identity (the most advanced one when an id is on several rows). */
  readonly byId: ReadonlyMap<string, readonly (MailStatus | 'unknown' | undefined)[]>;
  /** Per service: the UAIs listed by a real transmission, whatever its status. */
  readonly transmitted: ReadonlyMap<string, ReadonlySet<string>>;
  /** "UAI|service" of members with a real reminder planned, being sent, in error or in doubt. */
  readonly pendingReminders: ReadonlySet<string>;
  /**
   * "UAI|service" → the kind of a real message to that member about that service planned, sent or
   * in doubt on `today` (at most one mail a day per member and service).
   */
  readonly mailedToday: ReadonlyMap<string, 'instructions' | 'reminder'>;
}

export function ledgerState(
  rows: readonly Readonly<Record<string, CellValue>>[],
  today?: Date,
): LedgerState {
  const byId = new Map<string, (MailStatus | 'unknown' | undefined)[]>();
  const transmitted = new Map<string, Set<string>>();
  const pendingReminders = new Set<string>();
  const mailedToday = new Map<string, 'instructions' | 'reminder'>();
  const day = today ? dayKey(today) : '';
  for (const row of rows) {
    const id = rawText(row.id).trim();
    if (id === '') continue;
    const status = mailStatusOf(row.status);
    byId.set(id, [...(byId.get(id) ?? []), status]);
    const parsed = ledgerMessage(row);
    if (!parsed || parsed.test) continue;
    if (parsed.kind === 'transmission') {
      const set = transmitted.get(parsed.service) ?? new Set<string>();
      for (const uai of parsed.listedUais) set.add(uai);
      transmitted.set(parsed.service, set);
    } else if (parsed.kind === 'reminder' && status !== MAIL_STATUS.sent && status !== undefined) {
      pendingReminders.add(`${parsed.uai}|${parsed.service}`);
    }
    if (
      (parsed.kind === 'instructions' || parsed.kind === 'reminder') &&
      status !== MAIL_STATUS.error
    ) {
      const on =
        parsed.kind === 'reminder' ? parsed.day : row.time instanceof Date ? dayKey(row.time) : '';
      if (day !== '' && on === day) mailedToday.set(`${parsed.uai}|${parsed.service}`, parsed.kind);
    }
  }
  return { byId, transmitted, pendingReminders, mailedToday };
}

/** At most one mail a day to a member about one service: what waits, and why. */
const MAIL_TEXT = {
  reminderToday: (uai: string, name: string, service: string) =>
    `${uai} (${name}) : une relance sur « ${service} » lui est déjà partie aujourd’hui ; un seul message par jour et par service : ces instructions partiront si vous relancez l’envoi demain.`,
  instructionsToday: (uai: string, name: string, service: string) =>
    `${uai} (${name}) : des instructions sur « ${service} » lui sont parties aujourd’hui ; un seul message par jour et par service : la relance attend le prochain jour de relance.`,
} as const;

/**
 * Who may receive: the member's census row has no blocking anomaly and its functional address is
 * exactly one valid address. Returns the address, or the reason it may not receive.
 */
function recipientOf(
  uai: string,
  member: Readonly<Record<string, CellValue>> | undefined,
  data: MergeData,
): { address: string } | { reason: string } {
  const name = member ? ` (${rawText(member.name)})` : '';
  if (!member) return { reason: `${uai} : absent de la feuille Adhérents.` };
  const blocked = data.blocked?.get(uai);
  if (blocked !== undefined)
    return {
      reason: `${uai}${name} : recensement bloquant (${blocked}) ; corrigez la feuille Adhérents puis relancez la validation.`,
    };
  const address = rawText(member.email).trim();
  if (address === '')
    return { reason: `${uai}${name} : adresse fonctionnelle absente (feuille Adhérents).` };
  if (!isEmailAddress(address))
    return {
      reason: `${uai}${name} : l’adresse fonctionnelle « ${address.slice(0, 80)} » n’est pas une adresse unique valide (feuille Adhérents).`,
    };
  return { address };
}

const MEMBERS_BY_UAI = new WeakMap<
  MergeData['members'],
  ReadonlyMap<string, Readonly<Record<string, CellValue>>>
>();

/** Members by UAI (computed once per data read); when a UAI has several rows, the accepted wins. */
function membersByUai(data: MergeData): ReadonlyMap<string, Readonly<Record<string, CellValue>>> {
  const known = MEMBERS_BY_UAI.get(data.members);
  if (known) return known;
  const map = new Map<string, Readonly<Record<string, CellValue>>>();
  for (const m of data.members) {
    const uai = uaiOf(m.uai);
    if (uai === '') continue;
    const current = map.get(uai);
    if (!current || normalizeKey(rawText(m.dsState)) === 'accepte') map.set(uai, m);
  }
  MEMBERS_BY_UAI.set(data.members, map);
  return map;
}

function csvAndTable(
  listed: readonly {
    uai: string;
    member: Readonly<Record<string, CellValue>>;
    quantity: CellValue;
  }[],
  unit: string,
): { table: string; csv: string; lines: string[][] } {
  const columns = [
    'UAI',
    'Établissement',
    'Commune',
    'Statut',
    'Adresse fonctionnelle',
    `Quantité (${unit})`,
  ];
  const lines = listed.map((l) => [
    l.uai,
    rawText(l.member.name),
    rawText(l.member.commune),
    schoolStatusOf(l.member.status) || rawText(l.member.status),
    rawText(l.member.email),
    cellText(l.quantity),
  ]);
  const table = `<table style="border-collapse: collapse" border="1" cellpadding="4"><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${lines.map((l) => `<tr>${l.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('')}</table>`;
  const csv = `\ufeff${csvText([columns, ...lines], ';', csvCell)}`;
  return { table, csv, lines };
}

/** The transmission of `uais` to the provider of `path` (planning, and again when it is sent). */
function buildTransmission(
  path: ServicePath,
  uais: readonly string[],
  data: MergeData,
  campaign: string,
  problems: string[],
): TransmissionMessage | undefined {
  const address = providerAddress(data.settings, path.service);
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
    return undefined;
  }
  const byUai = membersByUai(data);
  const listed = uais.map((uai) => {
    const member = byUai.get(uai) ?? {};
    return { uai, member, quantity: member[`qty_${path.service}`] ?? '' };
  });
  const view: View = {
    ...settingsView(data.settings),
    service: path.label,
    prestataire: path.provider,
    nombre: String(listed.length),
    [normalizeKey('Nombre d’établissements')]: plural(
      listed.length,
      'établissement',
      'établissements',
    ),
    adherents: listed.map((l) => ({
      ...memberView(l.member),
      quantite: quantityText(path.service as ServiceId, l.quantity, cellText(l.quantity)),
    })),
  };
  const rendered = render(template, view, problems);
  if (!rendered) return undefined;
  const { table, csv, lines } = csvAndTable(listed, serviceById(path.service as ServiceId).unit);
  const id = messageId({
    kind: 'transmission',
    service: path.service,
    listHash: shortHash([...uais].sort().join(',')),
  });
  return addressed(
    {
      id,
      kind: 'transmission',
      campaign,
      provider: path.provider,
      to: [address],
      cc: splitAddresses(template.cc),
      subject: rendered.subject,
      html: rendered.html.replace(/<\/div>$/, `${table}\n</div>`),
      text: `${rendered.text}\n\n${lines.map((l) => l.join(' ; ')).join('\n')}\n`,
      attachments:
        template.attachment === ATTACH_LIST
          ? [
              {
                name: `soumissionnement-${normalizeKey(path.provider)}.csv`,
                mimeType: 'text/csv',
                content: csv,
              },
            ]
          : [],
      listedUais: uais,
    },
    data,
  );
}

/** One message per provider listing its members "À transmettre" that no transmission listed yet. */
export function planTransmissions(data: MergeData): CampaignPlan {
  const problems: string[] = [];
  const skipped: string[] = [];
  const messages: OutgoingMessage[] = [];
  const state = ledgerState(data.ledger ?? []);
  const byUai = membersByUai(data);
  const campaign = `Transmission ${formatDateFr(data.today)}`;
  let already = 0;
  for (const path of PATHS.filter((p) => transmits(p.service, data.settings))) {
    const done = state.transmitted.get(path.service) ?? new Set<string>();
    const uais: string[] = [];
    for (const row of data.tracking) {
      const [, service] = rawText(row.key).split('|');
      if (service !== path.service || isDropped(row.subscription)) continue;
      const steps = stepsFor(path.service, row.schoolStatus);
      const at = findStep(steps, row.step);
      // A transmission step waits for it; a list for information (EXM) takes every step.
      if (at < 0 || (steps[0].completedBy === 'transmission' ? at !== 0 : at === steps.length - 1))
        continue;
      const uai = uaiOf(row.uai);
      if (uais.includes(uai)) continue; // a row pasted twice
      if (done.has(uai)) {
        already++;
        continue;
      }
      const recipient = recipientOf(uai, byUai.get(uai), data);
      if ('reason' in recipient) {
        skipped.push(`${path.provider}, ${recipient.reason}`);
        continue;
      }
      uais.push(uai);
    }
    if (uais.length === 0) continue;
    if (providerAddress(data.settings, path.service) === '') {
      skipped.push(
        `${path.provider} : ${plural(uais.length, 'établissement', 'établissements')} à transmettre, mais l’adresse de transmission est vide (Paramètres, « Adresse de transmission ${path.provider} ») : les autres prestataires sont transmis.`,
      );
      continue;
    }
    const message = buildTransmission(path, uais, data, campaign, problems);
    if (message && state.byId.has(message.id))
      already += uais.length; // the same list again
    else if (message) messages.push(message);
  }
  return { messages, problems, skipped, already };
}

function pathFor(service: string): ServicePath | undefined {
  return PATHS.find(
    (p) => p.service === service || normalizeKey(p.label) === normalizeKey(service),
  );
}

/** The tracking rows a mailing concerns, filtered by step and wave, one per key. */
export function instructionTargets(
  filter: InstructionsFilter,
  data: MergeData,
): Readonly<Record<string, CellValue>>[] {
  const path = pathFor(filter.service);
  if (!path) return [];
  const seen = new Set<string>();
  return data.tracking.filter((r) => {
    const [, service] = rawText(r.key).split('|');
    if (service !== path.service || isDropped(r.subscription)) return false;
    if (filter.step) {
      const steps = stepsFor(path.service, r.schoolStatus);
      const wanted = findStep(steps, filter.step);
      if (wanted < 0 || findStep(steps, r.step) !== wanted) return false;
    }
    if (filter.wave && normalizeKey(rawText(r.wave)) !== normalizeKey(filter.wave)) return false;
    const key = `${uaiOf(r.uai)}|${service}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The template of a member's instructions (TPE: public or private). */
function instructionTemplate(
  path: ServicePath,
  member: Readonly<Record<string, CellValue>>,
  data: MergeData,
): { template?: Template; variant: string } {
  if (path.service !== 'tpe')
    return {
      template: findTemplate(data.templates, 'adhérent', path.label, `adherent-${path.service}`),
      variant: path.label,
    };
  const privateSchool = schoolStatusOf(member.status) === 'Privé';
  const variant = privateSchool ? 'TPE (privé)' : 'TPE (public)';
  return {
    template: findTemplate(
      data.templates,
      'adhérent',
      variant,
      privateSchool ? 'adherent-tpe-prive' : 'adherent-tpe-public',
    ),
    variant,
  };
}

/**
 * « Adhérent du printemps » (a section: only members of a spring wave) and « Année de la vague »
 * (the year in the wave's name, else the year the census was submitted): Foxit's first mail to
 * spring members is dated 28 or 29 August of that year (the guide).
 */
function springView(member: Readonly<Record<string, CellValue>>): View {
  const wave = rawText(member.wave);
  const year =
    /\b(20\d\d)\b/.exec(wave)?.[1] ??
    (member.depositDate instanceof Date ? String(member.depositDate.getFullYear()) : '');
  return {
    [normalizeKey('Adhérent du printemps')]: normalizeKey(wave).includes('printemps') ? 'oui' : '',
    [normalizeKey('Année de la vague')]: year,
  };
}

/** What a member's message is built from. */
interface MemberMessageParts {
  readonly kind: 'instructions' | 'reminder';
  readonly id: string;
  readonly template: Template;
  readonly row: Readonly<Record<string, CellValue>>;
  readonly member: Readonly<Record<string, CellValue>>;
  readonly address: string;
  readonly campaign: string;
}

function buildMemberMessage(
  { kind, id, template, row, member, address, campaign }: MemberMessageParts,
  data: MergeData,
  problems: string[],
): MemberMessage | undefined {
  const service = rawText(row.key).split('|')[1] as TrackedService;
  const path = pathOf(service);
  const view: View = {
    ...settingsView(data.settings),
    ...memberView(member),
    ...trackingView(row),
    ...springView(member),
    [normalizeKey('Assistance technique')]: path.support?.(data.settings.text) ?? '',
    service: path.label,
    prestataire: path.provider,
  };
  const rendered = render(template, view, problems);
  if (!rendered) return undefined;
  return addressed(
    {
      id,
      kind,
      campaign,
      uai: uaiOf(row.uai),
      to: [address],
      cc: splitAddresses(template.cc),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: [],
    },
    data,
  );
}

/**
 * One message per member concerned, with the template of the service. A message already in the
 * ledger for the same member, template and step is not planned again; with `resend`, one that was
 * sent is planned again under a new identity (never one that is planned, in error or in doubt).
 */
export function planInstructions(
  filter: InstructionsFilter,
  data: MergeData,
  resend = false,
): CampaignPlan {
  const problems: string[] = [];
  const skipped: string[] = [];
  const path = pathFor(filter.service);
  if (!path)
    return {
      messages: [],
      problems: [`Service « ${filter.service} » inconnu.`],
      skipped,
      already: 0,
    };
  const state = ledgerState(data.ledger ?? [], data.today);
  const byUai = membersByUai(data);
  const campaign = `Instructions ${[path.label, filter.step, filter.wave].filter(Boolean).join(' · ')} ${formatDateFr(data.today)}`;
  const messages: OutgoingMessage[] = [];
  let already = 0;
  for (const row of instructionTargets(filter, data)) {
    const uai = uaiOf(row.uai);
    const member = byUai.get(uai);
    const recipient = recipientOf(uai, member, data);
    if ('reason' in recipient || !member) {
      skipped.push('reason' in recipient ? recipient.reason : uai);
      continue;
    }
    if (
      data.settings.get('envois.modeTest') !== true &&
      state.mailedToday.get(`${uai}|${path.service}`) === 'reminder'
    ) {
      skipped.push(MAIL_TEXT.reminderToday(uai, rawText(member.name), path.label));
      continue;
    }
    const { template, variant } = instructionTemplate(path, member, data);
    if (!template) {
      const message = `Aucun modèle actif pour les adhérents et le service « ${variant} » (feuille Modèles).`;
      if (!problems.includes(message)) problems.push(message);
      continue;
    }
    const steps = stepsFor(path.service, row.schoolStatus);
    const at = findStep(steps, row.step);
    const ref = {
      kind: 'instructions',
      template: template.id,
      uai,
      service: path.service,
      step: at >= 0 ? steps[at].id : normalizeKey(rawText(row.step)),
    } as const;
    // The same instructions (template, member, service) went out at any step: not again, unless
    // the coordinator asks for a resend.
    const real = data.settings.get('envois.modeTest') !== true;
    const prefix = `${real ? '' : testId('')}${instructionsIdPrefix(template.id, uai, path.service)}`;
    const earlier = [...state.byId].filter(([k]) => k.startsWith(prefix));
    let planned = messageId(ref);
    if (earlier.length > 0) {
      const statuses = earlier.flatMap(([, s]) => s);
      if (!resend || statuses.some((s) => s !== MAIL_STATUS.sent)) {
        already++;
        continue;
      }
      planned = messageId({ ...ref, resend: earlier.length });
    }
    const message = buildMemberMessage(
      {
        kind: 'instructions',
        id: planned,
        template,
        row,
        member,
        address: recipient.address,
        campaign,
      },
      data,
      problems,
    );
    if (message) messages.push(message);
  }
  return { messages, problems, skipped, already };
}

export interface DueReminderRef {
  readonly ruleId: string;
  readonly key: string;
}

/**
 * The reminders due today, each rule on its own: a rule whose template is missing or broken is
 * reported in `problems` (for the digest) while the other rules' reminders go.
 */
export function planReminders(due: readonly DueReminderRef[], data: MergeData): CampaignPlan {
  const problems: string[] = [];
  const skipped: string[] = [];
  const messages: OutgoingMessage[] = [];
  const state = ledgerState(data.ledger ?? [], data.today);
  const byUai = membersByUai(data);
  const day = dayKey(data.today);
  const campaign = `Relances ${formatDateFr(data.today)}`;
  const rows = new Map(data.tracking.map((r) => [rawText(r.key), r]));
  let already = 0;
  const seen = new Set<string>();
  for (const { ruleId, key } of due) {
    const row = rows.get(key);
    const rule = (data.rules ?? []).find((r) => r.id === ruleId);
    if (!row || !rule) continue;
    const uai = uaiOf(row.uai);
    const service = rawText(row.key).split('|')[1];
    const id = messageId({ kind: 'reminder', rule: rule.id, uai, service, day });
    const real = data.settings.get('envois.modeTest') !== true;
    const planned = real ? id : testId(id);
    if (seen.has(planned)) continue;
    seen.add(planned);
    if (state.byId.has(planned) || (real && state.pendingReminders.has(`${uai}|${service}`))) {
      already++;
      continue;
    }
    const member = byUai.get(uai);
    const recipient = recipientOf(uai, member, data);
    if ('reason' in recipient || !member) {
      skipped.push('reason' in recipient ? recipient.reason : uai);
      continue;
    }
    if (real && state.mailedToday.get(`${uai}|${service}`) === 'instructions') {
      skipped.push(MAIL_TEXT.instructionsToday(uai, rawText(member.name), rawText(row.service)));
      continue;
    }
    const template = data.templates.find((t) => t.active && t.id === rule.template);
    if (!template) {
      const message = `Relance « ${rule.id} » : le modèle « ${rule.template} » est introuvable ou inactif (feuille Modèles) ; cette relance n’est pas partie.`;
      if (!problems.includes(message)) problems.push(message);
      continue;
    }
    const ruleProblems: string[] = [];
    const message = buildMemberMessage(
      { kind: 'reminder', id, template, row, member, address: recipient.address, campaign },
      data,
      ruleProblems,
    );
    for (const p of ruleProblems) {
      const text = `Relance « ${rule.id} » (modèle « ${template.id} ») : ${p} Cette relance n’est pas partie.`;
      if (!problems.includes(text)) problems.push(text);
    }
    if (message) messages.push(message);
  }
  return { messages, problems, skipped, already };
}

/** Late rows of the tracking, computed as the dashboard computes them. */
export function lateRows(data: MergeData): Readonly<Record<string, CellValue>>[] {
  return data.tracking.filter(
    (r) => rawText(r.key) !== '' && computeRow(r, data.settings, data.today).status === 'late',
  );
}

/** Services no longer in the accepted census: a decision for the coordinator (force majeure). */
function withdrawals(data: MergeData): { title: string; lines: string[] }[] {
  const lines = data.tracking
    .filter((r) => rawText(r.key) !== '' && isDropped(r.subscription))
    .map(
      (r) =>
        `${uaiOf(r.uai)} ${rawText(r.name)}, ${rawText(r.service)} : retrait : force majeure à confirmer (sans force majeure, l’établissement reste engagé et facturé).`,
    );
  return lines.length > 0 ? [{ title: `Retraits à décider (${lines.length})`, lines }] : [];
}

/** The coordinator's daily digest: reminders sent or waiting, coordinator rules, late items. */
export function buildDigest(data: MergeData, notes: readonly string[] = []): DigestMessage {
  const day = dayKey(data.today);
  const campaign = `Relances ${formatDateFr(data.today)}`;
  const allReminders = (data.ledger ?? []).flatMap((row) => {
    const ref = parseMessageId(row.id);
    return ref?.kind === 'reminder' && !ref.test ? [{ row, ref }] : [];
  });
  const reminders = allReminders.filter((r) => r.ref.day === day);
  const count = (status: string): number =>
    reminders.filter((r) => mailStatusOf(r.row.status) === status).length;
  // Reminders in error or in doubt block that member's next ones, whatever their day: say so daily.
  const stuck = allReminders
    .filter((r) =>
      [MAIL_STATUS.error, MAIL_STATUS.check].includes(mailStatusOf(r.row.status) as never),
    )
    .map(
      ({ row, ref }) =>
        `${ref.uai} : relance du ${ref.day.split('-').reverse().join('/')} « ${rawText(row.status)} » (feuille Envois) ; tant qu’elle y reste, cet adhérent n’est plus relancé pour ce service.`,
    );
  const late = lateRows(data);
  const byActor = new Map<string, number>();
  for (const r of late) {
    const actor = computeRow(r, data.settings, data.today).actor || '—';
    byActor.set(actor, (byActor.get(actor) ?? 0) + 1);
  }
  const sections: { title: string; lines: string[] }[] = [
    {
      title: 'Relances aux adhérents',
      lines: [
        `${plural(count(MAIL_STATUS.sent), 'envoyée', 'envoyées')} aujourd’hui, ${count(MAIL_STATUS.planned)} en attente du quota, ${count(MAIL_STATUS.error)} en erreur, ${count(MAIL_STATUS.check)} à vérifier.`,
      ],
    },
    ...(notes.length > 0
      ? [{ title: 'À corriger (relances non parties)', lines: [...notes] }]
      : []),
    ...(stuck.length > 0
      ? [{ title: `Relances en erreur ou à vérifier (${stuck.length})`, lines: stuck }]
      : []),
    ...coordinatorItems(
      data.rules ?? [],
      {
        tracking: data.tracking,
        members: data.members,
        requests: data.requests ?? [],
        settings: data.settings,
      },
      data.today,
    ).map((c) => ({ title: c.rule.label, lines: c.items })),
    ...withdrawals(data),
    {
      title: `En retard dans le Suivi (${late.length})`,
      lines: [...byActor].sort((a, b) => b[1] - a[1]).map(([actor, n]) => `${actor} : ${n}`),
    },
  ];
  const subject = `Groupement d’achats – récapitulatif du ${formatDateFr(data.today)}`;
  const html = `<div style="font-family: Arial, Helvetica, sans-serif; font-size: 14px">${sections
    .map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    )
    .join('\n')}</div>`;
  const text = sections
    .map((s) => `${s.title}\n${s.lines.map((l) => `- ${l}`).join('\n')}`)
    .join('\n\n');
  return typesetMessage({
    id: messageId({ kind: 'digest', day }),
    kind: 'digest',
    campaign,
    to: [data.coordinator],
    cc: [],
    subject,
    html,
    text,
    attachments: [],
    notes,
  });
}

/**
 * The message a ledger row stands for, built again from today's data when it is sent (its
 * recipients and subject stay those of the ledger row). Undefined, with a reason, when it cannot be.
 */
export function rebuildMessage(
  row: Readonly<Record<string, CellValue>>,
  data: MergeData,
  notes: readonly string[] = [],
): OutgoingMessage | { reason: string } {
  const parsed = ledgerMessage(row);
  if (!parsed) return { reason: 'Identifiant de message inconnu : ligne ajoutée à la main ?' };
  const problems: string[] = [];
  const failed = (): { reason: string } => ({
    reason:
      problems.join(' ') ||
      'Message plus d’actualité (les données ont changé depuis la planification) : replanifiez l’envoi si besoin.',
  });
  switch (parsed.kind) {
    case 'transmission': {
      const path = PATHS.find((p) => p.service === parsed.service);
      if (!path) return failed();
      return (
        buildTransmission(path, parsed.listedUais, data, rawText(row.campaign), problems) ??
        failed()
      );
    }
    case 'instructions':
    case 'reminder': {
      const { uai, service } = parsed;
      const track = data.tracking.find(
        (r) => uaiOf(r.uai) === uai && rawText(r.key).split('|')[1] === service,
      );
      const member = membersByUai(data).get(uai);
      if (!track || !member || isDropped(track.subscription)) return failed();
      // Held over (quota, retry): sent only while the row is still at the step it was planned for.
      const steps = stepsFor(service as TrackedService, track.schoolStatus);
      const current = steps[findStep(steps, track.step)];
      const rule =
        parsed.kind === 'reminder'
          ? (data.rules ?? []).find((r) => r.id === parsed.rule)
          : undefined;
      const stillDue =
        parsed.kind === 'instructions'
          ? current?.id === parsed.step
          : rule !== undefined && normalizeKey(rule.step) === normalizeKey(rawText(track.step));
      if (!stillDue)
        return {
          reason: `Message plus d’actualité : l’étape du Suivi a changé depuis la planification (${rawText(track.step)}). Rien n’est parti.`,
        };
      const templateId =
        parsed.kind === 'instructions' ? parsed.template : (rule?.template ?? parsed.rule);
      const template = data.templates.find((t) => t.active && t.id === templateId);
      if (!template) {
        problems.push(`Le modèle « ${templateId} » est introuvable ou inactif (feuille Modèles).`);
        return failed();
      }
      return (
        buildMemberMessage(
          {
            kind: parsed.kind,
            id: rawText(row.id),
            template,
            row: track,
            member,
            address: rawText(row.recipients),
            campaign: rawText(row.campaign),
          },
          data,
          problems,
        ) ?? failed()
      );
    }
    case 'digest': {
      // A digest held over to another day reports on its own day, with the notes it was planned with.
      const [y, m, d] = parsed.day.split('-').map(Number);
      const day = Number.isInteger(d) ? new Date(y, m - 1, d) : data.today;
      return buildDigest({ ...data, today: day }, parsed.notes.length > 0 ? parsed.notes : notes);
    }
  }
}

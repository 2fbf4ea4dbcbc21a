// Message templates ("Modèles"): seeded from the deployment guide, written in the small markup, with
// placeholders {{Colonne}} matched ignoring case, accents and spaces. Mustache parses the
// placeholders and sections; the markup is then read with the values kept apart (markup.ts), and
// written as HTML (values escaped, line breaks kept) and as plain text. Unknown placeholders, and
// placeholders that would insert raw HTML, stop a merge.

import Mustache, { type TemplateSpans } from 'mustache';
import { blocksToHtml, blocksToText, parseMarkup, type Piece } from './markup';
import { UserError } from './errors';
import type { CellValue, SheetSpec } from './schema';
import { cellText, headerText, normalizeKey } from './text';

export const ATTACH_LIST = 'Liste CSV';

export interface Template {
  readonly id: string;
  readonly audience: string;
  readonly service: string;
  readonly subject: string;
  readonly body: string;
  readonly cc: string;
  readonly attachment: string;
  readonly active: boolean;
}

const provider = (id: string, service: string, name: string): Record<string, CellValue> => ({
  id: `transmission-${id}`,
  audience: 'prestataire',
  service,
  subject: `Groupement d'achats – soumissionnement ${name} : {{Nombre d’établissements}}`,
  body: [
    'Bonjour,',
    `Veuillez trouver ci-dessous la liste des établissements du groupement d'achats qui ont recensé le service **{{Service}}** (liste jointe au format CSV).`,
    '{{#adherents}}\n- {{Établissement}}, {{Commune}} (UAI {{UAI}}) : {{Quantité}}, adresse fonctionnelle {{Adresse fonctionnelle}}\n{{/adherents}}',
    "Merci de procéder à l'activation conformément au marché. Pour toute question commerciale, répondez à ce message : le coordonnateur du groupement vous répondra.",
    'Cordialement,\n{{Nom de l’expéditeur}}',
  ].join('\n\n'),
  cc: '',
  attachment: ATTACH_LIST,
  active: 'Oui',
});

const SIGNATURE = [
  'Questions commerciales (marché, tarifs, facturation) : le coordonnateur du groupement y répond, écrivez à {{Adresse fonctionnelle du groupement}} ; le délai moyen de réponse est de {{Délai moyen de réponse (jours)}} jours (c’est une moyenne). {{#Assistance technique}}Assistance technique, pour la mise en service et pendant toute la durée du marché : {{Assistance technique}}. {{/Assistance technique}}Salon Tchap des adhérents : [rejoindre le salon]({{Salon Tchap des adhérents}}).',
  'Cordialement,\n{{Nom de l’expéditeur}}',
].join('\n\n');

const member = (
  id: string,
  service: string,
  subject: string,
  paragraphs: string[],
): Record<string, CellValue> => ({
  id: `adherent-${id}`,
  audience: 'adhérent',
  service,
  subject,
  body: ['Bonjour,', ...paragraphs, SIGNATURE].join('\n\n'),
  cc: '',
  attachment: '',
  active: 'Oui',
});

const reminder = (
  id: string,
  service: string,
  subject: string,
  paragraphs: string[],
): Record<string, CellValue> => ({
  ...member(id, service, subject, paragraphs),
  id: `relance-${id}`,
  audience: 'adhérent',
});

/** The templates the initialisation seeds (the coordinator may edit them, or add others). */
export const DEFAULT_TEMPLATES: readonly Record<string, CellValue>[] = [
  provider('kercia', 'Vote électronique', 'Kercia'),
  // Not in the guide: a list for information, sent only when « Liste des adhérents TPE envoyée à
  // EXM » is « Oui » (each school sends its merchant contract itself).
  {
    ...provider('exm', 'TPE', 'EXM'),
    subject: `Groupement d'achats – adhérents TPE (pour information) : {{Nombre d’établissements}}`,
    body: [
      'Bonjour,',
      `Pour information, voici la liste des établissements du groupement d'achats qui ont recensé le service **{{Service}}** (liste jointe au format CSV). Chacun vous transmettra son contrat commerçant (établissements publics, après demande à la DDFIP) ou vous contactera directement (établissements privés).`,
      '{{#adherents}}\n- {{Établissement}}, {{Commune}} (UAI {{UAI}}) : {{Quantité}}, adresse fonctionnelle {{Adresse fonctionnelle}}\n{{/adherents}}',
      'Pour toute question commerciale, répondez à ce message : le coordonnateur du groupement vous répondra.',
      'Cordialement,\n{{Nom de l’expéditeur}}',
    ].join('\n\n'),
  },
  provider('foxit', 'Logiciel PDF', 'Foxit'),
  provider('yousign', 'Signature électronique', 'Yousign'),
  member(
    'convention',
    'Convention',
    'Groupement d’achats : signature en ligne de la convention – {{Établissement}}',
    [
      'Votre recensement validé et transmis engage votre établissement : seule la force majeure permet de se dédire, et il n’est pas possible de se désengager directement auprès d’un prestataire (l’établissement serait facturé). La convention de groupement doit maintenant être signée. **Seules les conventions signées en ligne sont prises en compte** : les conventions manuscrites ne peuvent pas être traitées.',
      'S’agissant d’une première année, et pour que tous les établissements bénéficient de la mutualisation, une tolérance est accordée pour la signature de la convention.',
      'Remplissez le formulaire en ligne : [signer la convention]({{Formulaire de signature de la convention}})',
      '- le nom de l’établissement est repris dans la convention ;\n- indiquez le **numéro de portable de la personne habilitée à signer** : il reçoit le SMS de confirmation (ce numéro sert uniquement à la signature électronique) ;\n- une fois la convention signée en ligne par le chef d’établissement adhérent et par le chef d’établissement support, chaque partie en reçoit automatiquement un exemplaire.',
    ],
  ),
  member(
    'vote',
    'Vote électronique',
    'Groupement d’achats : vote électronique (Kercia) – {{Établissement}}',
    [
      'Le marché vote électronique est activé automatiquement : votre soumissionnement a été transmis à Kercia, qui ouvre l’interface de vote et désigne le chargé de projet qui accompagnera votre établissement. **La prise de contact est automatique** : vous n’avez rien à faire d’ici là.',
      'Replay de la visio de présentation : [voir le replay]({{Replay de la visio vote électronique}})',
    ],
  ),
  member(
    'tpe-public',
    'TPE (public)',
    'Groupement d’achats : terminaux de paiement (EXM) – {{Établissement}}',
    [
      'Pour les terminaux de paiement électronique, votre établissement public doit :',
      '- **demander le contrat commerçant à la DDFIP** avec le modèle pré-rempli : [modèle de demande]({{Modèle pré-rempli de demande DDFIP (TPE)}}) ;\n- puis **transmettre le contrat commerçant** à EXM : {{Contact EXM (TPE)}} ({{Téléphone du contact EXM}}).',
      'Replay de la visio TPE : [voir le replay]({{Replay de la visio TPE}})',
    ],
  ),
  member(
    'tpe-prive',
    'TPE (privé)',
    'Groupement d’achats : terminaux de paiement (EXM) – {{Établissement}}',
    [
      'Votre établissement privé peut **prendre contact directement avec le prestataire** : {{Contact EXM (TPE)}} ({{Téléphone du contact EXM}}).',
      'Replay de la visio TPE : [voir le replay]({{Replay de la visio TPE}})',
    ],
  ),
  member('pdf', 'Logiciel PDF', 'Groupement d’achats : logiciel PDF (Foxit) – {{Établissement}}', [
    'Le marché logiciel PDF est activé automatiquement : Foxit ouvre l’interface d’attribution et de gestion des licences et envoie un mail à votre adresse fonctionnelle ({{Adresse fonctionnelle}}).',
    '**ATTENTION : le premier mail est en anglais** (pensez à vérifier les indésirables). La console d’administration, le logiciel et la documentation sont ensuite en français.',
    '{{#Adhérent du printemps}}Votre établissement a adhéré au printemps : le mail Foxit date du **{{Date du mail Foxit (adhérents du printemps)}} {{Année de la vague}}**.{{/Adhérent du printemps}}',
  ]),
  member(
    'rgs',
    'Certificats RGS**',
    'Groupement d’achats : certificats RGS** (Certigna) – {{Établissement}}',
    [
      'Pour vos certificats RGS**, envoyez un **bon de commande / engagement juridique** à {{Adresse des bons de commande Certigna}}, avec pour **objet du message et de l’EJ : « {{Objet du message et de l’EJ Certigna}} »**.',
      'Les commandes sont traitées dans les {{Délai de traitement Certigna (heures)}} heures. Il faut ensuite demander le certificat en suivant les procédures indiquées par Certigna : s’agissant de certificats à la valeur juridique renforcée, elles sont sécurisées. En cas de difficulté, le support Certigna vous accompagne.',
    ],
  ),
  member(
    'signature',
    'Signature électronique',
    'Groupement d’achats : signature électronique (Yousign) – {{Établissement}}',
    [
      'Le marché signature électronique est activé automatiquement : Yousign crée le compte sur votre adresse fonctionnelle ({{Adresse fonctionnelle}}).',
      '**À la première connexion, utilisez la procédure « mot de passe oublié »** : un mail vous permet alors de choisir votre mot de passe.',
      'Si vous souhaitez un deuxième compte, sollicitez le groupement en répondant à ce message.',
    ],
  ),
  reminder(
    'convention',
    'Convention',
    'Rappel : convention du groupement à signer en ligne – {{Établissement}}',
    [
      'Si ce n’est pas déjà fait, la convention de groupement de votre établissement reste à signer. Seules les conventions **signées en ligne** sont prises en compte : [signer la convention]({{Formulaire de signature de la convention}}).',
      'Le portable de la personne habilitée à signer reçoit le SMS de confirmation.',
    ],
  ),
  reminder(
    'tpe-ddfip',
    'TPE (public)',
    'Rappel : demande de contrat commerçant à la DDFIP (TPE) – {{Établissement}}',
    [
      'Pour la mise en service de vos terminaux de paiement, si ce n’est pas déjà fait, faites la **demande de contrat commerçant à la DDFIP** : [modèle pré-rempli]({{Modèle pré-rempli de demande DDFIP (TPE)}}).',
      'Une fois le contrat reçu, transmettez-le à EXM : {{Contact EXM (TPE)}}.',
    ],
  ),
  reminder(
    'tpe-contrat',
    'TPE (public)',
    'Rappel : contrat commerçant à transmettre à EXM – {{Établissement}}',
    [
      'Si vous avez reçu votre contrat commerçant de la DDFIP et ne l’avez pas encore fait, **transmettez-le à EXM** : {{Contact EXM (TPE)}} ({{Téléphone du contact EXM}}).',
    ],
  ),
  reminder(
    'certigna-bc',
    'Certificats RGS**',
    'Rappel : bon de commande Certigna à envoyer – {{Établissement}}',
    [
      'Pour vos certificats RGS**, si ce n’est pas déjà fait, envoyez le **bon de commande / engagement juridique** à {{Adresse des bons de commande Certigna}}, avec pour objet du message et de l’EJ : « {{Objet du message et de l’EJ Certigna}} ».',
    ],
  ),
  reminder(
    'foxit',
    'Logiciel PDF',
    'Rappel : activation du logiciel PDF (Foxit) – {{Établissement}}',
    [
      'Foxit écrit à votre adresse fonctionnelle ({{Adresse fonctionnelle}}) pour l’attribution des licences. **Le premier mail est en anglais** : si vous ne l’avez pas trouvé, vérifiez la boîte fonctionnelle et les indésirables.',
    ],
  ),
  reminder(
    'yousign',
    'Signature électronique',
    'Rappel : première connexion à Yousign – {{Établissement}}',
    [
      'Yousign crée votre compte sur l’adresse fonctionnelle ({{Adresse fonctionnelle}}). Si ce n’est pas déjà fait, pour la première connexion, utilisez **« mot de passe oublié »** afin de choisir votre mot de passe.',
    ],
  ),
];

export const TEMPLATES_SHEET: SheetSpec = {
  key: 'templates',
  name: 'Modèles',
  purpose: 'Modèles des messages aux prestataires, aux adhérents et au coordonnateur.',
  tabColor: '#d35400',
  seed: { keyColumn: 'id', rows: DEFAULT_TEMPLATES },
  columns: [
    {
      key: 'id',
      header: 'Identifiant',
      owner: 'user',
      kind: 'text',
      width: 150,
      note: 'Nom unique du modèle, utilisé par les envois et les relances.',
    },
    {
      key: 'audience',
      header: 'Destinataires',
      owner: 'user',
      kind: 'choice',
      choices: ['prestataire', 'adhérent', 'coordonnateur'],
      width: 110,
      note: 'À qui le message s’adresse.',
    },
    {
      key: 'service',
      header: 'Service',
      owner: 'user',
      kind: 'text',
      width: 150,
      note: 'Service concerné (Convention, Vote électronique, TPE (public), TPE (privé), Logiciel PDF, Certificats RGS**, Signature électronique).',
    },
    {
      key: 'subject',
      header: 'Objet',
      owner: 'user',
      kind: 'text',
      width: 320,
      note: 'Objet du message ; peut contenir des {{Colonne}}.',
    },
    {
      key: 'body',
      header: 'Texte',
      owner: 'user',
      kind: 'text',
      width: 480,
      note: 'Texte du message. Ligne vide : nouveau paragraphe ; « - » en début de ligne : liste ; **gras** ; [texte](lien), lien en http, https ou mailto ; {{Colonne}} : valeur de la colonne (majuscules, accents et espaces ignorés) ou d’un paramètre ; {{#adherents}} … {{/adherents}} : répété pour chaque adhérent (messages aux prestataires) ; {{#Adhérent du printemps}} … {{/Adhérent du printemps}} : seulement pour un adhérent d’une vague de printemps, {{Année de la vague}} : année de sa vague (messages aux adhérents).',
    },
    {
      key: 'cc',
      header: 'Copie',
      owner: 'user',
      kind: 'text',
      width: 200,
      note: 'Adresses en copie, séparées par des virgules (comptent dans le quota quotidien).',
    },
    {
      key: 'attachment',
      header: 'Pièce jointe',
      owner: 'user',
      kind: 'choice',
      choices: ['', ATTACH_LIST],
      width: 100,
      note: '« Liste CSV » : joint la liste des adhérents (messages aux prestataires).',
    },
    {
      key: 'active',
      header: 'Actif',
      owner: 'user',
      kind: 'choice',
      choices: ['Oui', 'Non'],
      width: 60,
      note: 'Non : le modèle n’est pas utilisé.',
    },
  ],
};

export function templateFrom(cells: Readonly<Record<string, CellValue>>): Template {
  return {
    id: cellText(cells.id).trim(),
    audience: cellText(cells.audience).trim(),
    service: cellText(cells.service).trim(),
    subject: cellText(cells.subject),
    body: cellText(cells.body),
    cc: cellText(cells.cc).trim(),
    attachment: cellText(cells.attachment).trim(),
    active: normalizeKey(cellText(cells.active)) !== 'non',
  };
}

/** Values offered to a template: keys are normalised, values already written the French way. */
export type View = { [key: string]: string | View[] };

export function viewOf(fields: Readonly<Record<string, CellValue>>): View {
  const view: View = {};
  for (const [key, value] of Object.entries(fields)) view[normalizeKey(key)] = cellText(value);
  return view;
}

/** Placeholders written by people, turned into the normalised keys of the view. */
function normalizeTags(template: string): string {
  return template.replace(
    /\{\{(\{?)([#/^&]?)\s*([^}!][^}]*?)\s*(\}?)\}\}/g,
    (_, open: string, sigil: string, name: string, close: string) =>
      `{{${open}${sigil}${normalizeKey(name)}${close}}}`,
  );
}

/** The value of a key in the innermost scope that has it (own keys only: not `constructor`). */
function lookup(scopes: readonly View[], key: string): View[string] | undefined {
  const scope = scopes.find((s) => Object.prototype.hasOwnProperty.call(s, key));
  return scope?.[key];
}

const childrenOf = (span: TemplateSpans[number]): TemplateSpans =>
  Array.isArray(span[4]) ? span[4] : [];

/** A placeholder that would put its value in unescaped ({{{…}}} or {{&…}}), as typed. */
interface RawPlaceholder {
  readonly tag: string;
  readonly name: string;
}

/** Placeholders the view cannot fill, and raw ones, as the coordinator typed them. */
function placeholders(template: string, view: View): { unknown: string[]; raw: RawPlaceholder[] } {
  const unknown = new Set<string>();
  const raw = new Set<string>();
  const walk = (spans: TemplateSpans, scopes: View[]): void => {
    for (const span of spans) {
      const [type, name] = span;
      if (type === 'text' || type === '!') continue;
      const key = normalizeKey(name);
      if (type === '&') raw.add(key);
      const rows = lookup(scopes, key);
      if (rows === undefined) unknown.add(key);
      if (type === '#' || type === '^') {
        const inner = Array.isArray(rows) && rows.length > 0 ? rows[0] : {};
        walk(childrenOf(span), [inner, ...scopes]);
      }
    }
  };
  walk(Mustache.parse(normalizeTags(template)), [view]);
  const typed = [...template.matchAll(/\{\{\{?[#/^&]?\s*([^}!][^}]*?)\s*\}?\}\}/g)];
  const nameOf = (key: string): string => typed.find((m) => normalizeKey(m[1]) === key)?.[1] ?? key;
  return {
    unknown: [...unknown].map(nameOf),
    raw: [...raw].map((key) => ({
      tag:
        typed.find((m) => normalizeKey(m[1]) === key && /^\{\{[{&]/.test(m[0]))?.[0] ??
        `{{{${nameOf(key)}}}}`,
      name: nameOf(key),
    })),
  };
}

/** Placeholders that the view cannot fill, as the template wrote them. */
export function unknownPlaceholders(template: string, view: View): string[] {
  return placeholders(template, view).unknown;
}

/** The template's text and the values of its placeholders, sections repeated, values kept apart. */
function substitute(spans: TemplateSpans, scopes: readonly View[], out: Piece[] = []): Piece[] {
  for (const span of spans) {
    const [type, name] = span;
    if (type === 'text') {
      out.push(name);
      continue;
    }
    const value = lookup(scopes, normalizeKey(name));
    if (type === 'name') out.push({ value: typeof value === 'string' ? value : '' });
    else if (type === '#' || type === '^') {
      const rows: readonly View[] = Array.isArray(value) ? value : value ? [{}] : [];
      if (type === '^' && rows.length === 0) substitute(childrenOf(span), scopes, out);
      if (type === '#') for (const row of rows) substitute(childrenOf(span), [row, ...scopes], out);
    }
    // Comments, partials and delimiter changes put nothing in, as in mustache; raw values are
    // refused before.
  }
  return out;
}

const fill = (template: string, view: View): Piece[] =>
  substitute(Mustache.parse(normalizeTags(template)), [view]);

export interface Rendered {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export class TemplateError extends UserError {}

/** Renders a template; throws a TemplateError naming raw or unknown placeholders. */
export function renderTemplate(template: Template, view: View): Rendered {
  const found = [template.subject, template.body].map((t) => placeholders(t, view));
  const raw = found.flatMap((f) => f.raw);
  const fix = `Corrigez le modèle (feuille « ${TEMPLATES_SHEET.name} »)`;
  if (raw.length > 0) {
    const tags = [...new Set(raw.map((r) => r.tag))];
    const names = [...new Set(raw.map((r) => `{{${r.name}}}`))];
    throw new TemplateError(
      `Modèle « ${template.id} » : ${tags.join(', ')} ${tags.length > 1 ? 'inséreraient les valeurs telles quelles' : 'insérerait la valeur telle quelle'} (HTML brut), ce qui n’est pas permis ; écrivez ${names.join(', ')}. ${fix} : aucun message n’a été envoyé.`,
    );
  }
  const unknown = [...new Set(found.flatMap((f) => f.unknown))];
  if (unknown.length > 0) {
    throw new TemplateError(
      `Modèle « ${template.id} » : ${unknown.length > 1 ? 'champs inconnus' : 'champ inconnu'} ${unknown.map((u) => `{{${u}}}`).join(', ')}. ${fix} : aucun message n'a été envoyé.`,
    );
  }
  const subject = headerText(
    fill(template.subject, view)
      .map((p) => (typeof p === 'string' ? p : p.value))
      .join(''),
  );
  const blocks = parseMarkup(fill(template.body, view));
  return {
    subject,
    html: `<div style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.45">\n${blocksToHtml(blocks)}\n</div>`,
    text: blocksToText(blocks),
  };
}

// The « Modèles » sheet and the message templates it is seeded with, written from the deployment
// guide in the small markup (see templates.ts for how they are read and rendered).

import type { CellValue, SheetSpec } from '../schema';

export const ATTACH_LIST = 'Liste CSV';

/** The members a provider message lists, one line each. */
const MEMBER_LIST =
  '{{#adherents}}\n- {{Établissement}}, {{Commune}} (UAI {{UAI}}) : {{Quantité}}, adresse fonctionnelle {{Adresse fonctionnelle}}\n{{/adherents}}';

const CLOSING = 'Cordialement,\n{{Nom de l’expéditeur}}';

const provider = (id: string, service: string, name: string): Record<string, CellValue> => ({
  id: `transmission-${id}`,
  audience: 'prestataire',
  service,
  subject: `Groupement d'achats – soumissionnement ${name} : {{Nombre d’établissements}}`,
  body: [
    'Bonjour,',
    `Veuillez trouver ci-dessous la liste des établissements du groupement d'achats qui ont recensé le service **{{Service}}** (liste jointe au format CSV).`,
    MEMBER_LIST,
    "Merci de procéder à l'activation conformément au marché. Pour toute question commerciale, répondez à ce message : le coordonnateur du groupement vous répondra.",
    CLOSING,
  ].join('\n\n'),
  cc: '',
  attachment: ATTACH_LIST,
  active: 'Oui',
});

const SIGNATURE = [
  'Questions commerciales (marché, tarifs, facturation) : le coordonnateur du groupement y répond, écrivez à {{Adresse fonctionnelle du groupement}} ; le délai moyen de réponse est de {{Délai moyen de réponse (jours)}} jours (c’est une moyenne). {{#Assistance technique}}Assistance technique, pour la mise en service et pendant toute la durée du marché : {{Assistance technique}}. {{/Assistance technique}}Salon Tchap des adhérents : [rejoindre le salon]({{Salon Tchap des adhérents}}).',
  CLOSING,
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

/** A reminder to a member: a member message under its own identifier. */
const reminder = (...args: Parameters<typeof member>): Record<string, CellValue> => ({
  ...member(...args),
  id: `relance-${args[0]}`,
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
      MEMBER_LIST,
      'Pour toute question commerciale, répondez à ce message : le coordonnateur du groupement vous répondra.',
      CLOSING,
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

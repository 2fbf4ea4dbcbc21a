// The deployment guide's rules, written from the settings so that the help page always shows the
// current addresses, links and delays.

import type { HelpContent } from '../shared/api';
import { exmContact } from './catalogue';
import type { Settings } from './settings';

export function guideContent(settings: Settings, warnings: readonly string[] = []): HelpContent {
  const s = settings.text;
  return {
    title: `${s('groupement.nom')} — modalités de déploiement`,
    warnings,
    sections: [
      {
        title: 'Engagement et convention',
        items: [
          {
            text: "Le recensement validé et transmis sur démarches simplifiées engage l'établissement pour les prestations recensées ; seule la force majeure permet de se dédire, et un établissement ne peut pas se désengager directement auprès du fournisseur (il serait facturé).",
          },
          {
            text: 'Seules les conventions signées en ligne sont prises en compte : les conventions manuscrites sont refusées.',
          },
          {
            text: 'Première année : pour que tous les établissements bénéficient de la mutualisation, une tolérance est accordée pour la signature de la convention (une convention pas encore signée est un avertissement, pas un blocage).',
          },
          {
            text: 'Formulaire de signature en ligne de la convention',
            link: s('convention.formulaire'),
          },
          {
            text: "Le nom de l'établissement est repris dans la convention ; le numéro à indiquer est le portable de la personne habilitée à signer, qui reçoit le SMS de confirmation (ce numéro sert uniquement à la signature électronique).",
          },
          {
            text: "Une fois signée par le chef d'établissement adhérent et le chef d'établissement support, chaque partie reçoit automatiquement la convention.",
          },
          {
            text: "Clauses de rattachement : un établissement peut rejoindre les marchés en cours de durée (nouvelle vague d'adhésion).",
          },
        ],
      },
      {
        title: 'Vote électronique (Kercia)',
        items: [
          {
            text: "Activation automatique : après la transmission du soumissionnement par le coordonnateur, Kercia ouvre l'interface de vote et un chargé de projet prend contact avec l'établissement.",
          },
          { text: 'Replay de la visio vote électronique', link: s('replay.vote') },
        ],
      },
      {
        title: 'TPE (EXM)',
        items: [
          {
            text: `Établissements publics : demander le contrat commerçant à la DDFIP avec le modèle pré-rempli, puis transmettre le contrat à ${exmContact(s)}.`,
          },
          { text: 'Modèle pré-rempli de demande à la DDFIP', link: s('tpe.modeleDdfip') },
          {
            text: `Établissements privés : contacter directement le prestataire (${s('tpe.contactEmail')}).`,
          },
          { text: 'Replay de la visio TPE', link: s('replay.tpe') },
        ],
      },
      {
        title: 'Logiciel PDF (Foxit)',
        items: [
          {
            text: "Activation automatique : après la transmission, Foxit ouvre la console d'administration des licences et écrit à l'adresse fonctionnelle (ce. ou gestion.).",
          },
          {
            text: 'ATTENTION : le premier mail est en anglais (vérifier aussi les indésirables). La console, le logiciel et la documentation sont ensuite en français.',
          },
          {
            text: `Adhérents du printemps : le mail Foxit est daté du ${s('foxit.dateMailPrintemps')} (de l’année de leur vague).`,
          },
        ],
      },
      {
        title: 'Certificats RGS** (Certigna)',
        items: [
          {
            text: `Envoyer un bon de commande / engagement juridique à ${s('certigna.adresseCommande')}, avec pour objet du message et de l'EJ : « ${s('certigna.objet')} ».`,
          },
          {
            text: `Les commandes sont traitées dans les ${s('certigna.delaiHeures')} heures ; il faut ensuite demander le certificat en suivant la procédure sécurisée de Certigna (certificats à valeur juridique renforcée). En cas de difficulté, le support Certigna accompagne l'établissement.`,
          },
        ],
      },
      {
        title: 'Signature électronique (Yousign)',
        items: [
          {
            text: "Activation automatique : après la transmission, Yousign crée le compte sur l'adresse fonctionnelle (ce. ou gestion.).",
          },
          {
            text: 'À la première connexion, utiliser la procédure « mot de passe oublié » pour recevoir un mail et choisir son mot de passe.',
          },
          { text: 'Un deuxième compte se demande au groupement.' },
        ],
      },
      {
        title: 'Communication',
        items: [
          {
            text: `Questions commerciales : le coordonnateur, par courriel à ${s('groupement.adresse')} (délai moyen de réponse : ${s('groupement.delaiReponseJours')} jours ; c’est une moyenne). Assistance technique, pour la mise en service et pendant toute la durée du marché : les prestataires.`,
          },
          { text: 'Salon Tchap des adhérents', link: s('groupement.tchap') },
        ],
      },
    ],
  };
}

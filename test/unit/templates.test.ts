import { markupToHtml, markupToText } from '../../src/core/markup';
import {
  DEFAULT_TEMPLATES,
  renderTemplate,
  type Template,
  templateFrom,
  unknownPlaceholders,
  viewOf,
} from '../../src/core/templates';

const template = (body: string, subject = 'Objet {{UAI}}'): Template => ({
  id: 't',
  audience: 'adhérent',
  service: 'x',
  subject,
  body,
  cc: '',
  attachment: '',
  active: true,
});

describe('template markup', () => {
  it('turns paragraphs, bold, links and lists into HTML and text', () => {
    const markup =
      'Bonjour,\n\nVoici **le lien** : [formulaire](https://x.fr/a?b=1&c=2)\n\n- un\n- deux';
    expect(markupToHtml(markup)).toBe(
      '<p>Bonjour,</p>\n<p>Voici <strong>le lien</strong> : <a href="https://x.fr/a?b=1&amp;c=2">formulaire</a></p>\n<ul><li>un</li><li>deux</li></ul>',
    );
    expect(markupToText(markup)).toBe(
      'Bonjour,\n\nVoici le lien : formulaire (https://x.fr/a?b=1&c=2)\n\n- un\n- deux',
    );
  });
});

describe('template rendering', () => {
  const view = viewOf({
    UAI: '0540015Y',
    Établissement: `Lycée "L'Étoile" & <Fils> $& $1 😀`,
    Commune: 'Nancy\nQuartier Nord',
    'Déposé le': new Date(2025, 7, 28),
    Quantité: 1234.5,
  });

  it('matches placeholders ignoring case, accents and spaces', () => {
    const r = renderTemplate(template('{{ etablissement }} / {{COMMUNE}} / {{déposé  LE}}'), view);
    expect(r.text).toBe(`Lycée "L'Étoile" & <Fils> $& $1 😀 / Nancy\nQuartier Nord / 28/08/2025`);
  });

  it('escapes values in HTML, keeps line breaks, and leaves $& and $1 literal', () => {
    const r = renderTemplate(template('{{Établissement}}\n\n{{Commune}} : {{Quantité}}'), view);
    expect(r.html).toContain(
      '<p>Lycée &quot;L&#39;Étoile&quot; &amp; &lt;Fils&gt; $&amp; $1 😀</p>',
    );
    expect(r.html).toContain('<p>Nancy<br>Quartier Nord : 1\u202f234,5</p>');
    expect(r.text).toBe(
      `Lycée "L'Étoile" & <Fils> $& $1 😀\n\nNancy\nQuartier Nord : 1\u202f234,5`,
    );
    expect(r.subject).toBe('Objet 0540015Y');
  });

  it('names unknown placeholders, as typed, before anything is sent', () => {
    expect(
      unknownPlaceholders('{{UAI}} {{Nom du chef}} {{#adherents}}{{X}}{{/adherents}}', view),
    ).toEqual(['Nom du chef', 'adherents', 'X']);
    expect(() => renderTemplate(template('Bonjour {{Nom du chef}}'), view)).toThrow(
      "Modèle « t » : champ inconnu {{Nom du chef}}. Corrigez le modèle (feuille « Modèles ») : aucun message n'a été envoyé.",
    );
  });

  it('repeats a section per row', () => {
    const r = renderTemplate(
      template('Liste :\n\n{{#adherents}}\n- {{UAI}} ({{Quantité}})\n{{/adherents}}\n\nFin'),
      {
        ...view,
        adherents: [viewOf({ UAI: 'A', Quantité: 1 }), viewOf({ UAI: 'B', Quantité: 2 })],
      },
    );
    expect(r.text).toBe('Liste :\n\n- A (1)\n- B (2)\n\nFin');
    expect(r.html).toContain('<ul><li>A (1)</li><li>B (2)</li></ul>');
  });

  it('seeds a template for each provider and each member service, from the guide', () => {
    const ids = DEFAULT_TEMPLATES.map((t) => t.id);
    expect(ids).toEqual([
      'transmission-kercia',
      'transmission-exm',
      'transmission-foxit',
      'transmission-certigna',
      'transmission-yousign',
      'adherent-convention',
      'adherent-vote',
      'adherent-tpe-public',
      'adherent-tpe-prive',
      'adherent-pdf',
      'adherent-rgs',
      'adherent-signature',
      'relance-convention',
      'relance-tpe-ddfip',
      'relance-tpe-contrat',
      'relance-certigna-bc',
      'relance-foxit',
      'relance-yousign',
    ]);
    const text = DEFAULT_TEMPLATES.map((t) => templateFrom(t).body).join('\n');
    expect(text).toContain('le premier mail est en anglais');
    expect(text).toContain('mot de passe oublié');
    expect(text).toContain('{{Objet du message et de l’EJ Certigna}}');
    expect(text).toContain('demander le contrat commerçant à la DDFIP');
    expect(text).toContain('prendre contact directement avec le prestataire');
    expect(text).toContain('chargé de projet');
    expect(text).toContain('numéro de portable de la personne habilitée à signer');
  });
});

import { blocksToHtml, blocksToText, parseMarkup } from '../../src/core/markup';
import { csvCell } from '../../src/core/csv';
import {
  renderTemplate,
  TemplateError,
  type Template,
  templateFrom,
  unknownPlaceholders,
  type View,
  viewOf,
} from '../../src/core/templates';
import { DEFAULT_TEMPLATES } from '../../src/core/workbook/templates';
import { normalizeKey } from '../../src/core/text';

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
    const blocks = parseMarkup([markup]);
    expect(blocksToHtml(blocks)).toBe(
      '<p>Bonjour,</p>\n<p>Voici <strong>le lien</strong> : <a href="https://x.fr/a?b=1&amp;c=2">formulaire</a></p>\n<ul><li>un</li><li>deux</li></ul>',
    );
    expect(blocksToText(blocks)).toBe(
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

  it('repeats sections inside a line, shows inverted ones when empty, keeps markup across them', () => {
    const rows = [viewOf({ UAI: 'A' }), viewOf({ UAI: 'B' })];
    const body =
      '**Liste :{{#adherents}} [{{UAI}}](https://x.fr/{{UAI}}){{/adherents}}**{{^aucun}} ; fin{{/aucun}}';
    const r = renderTemplate(template(body), { ...view, adherents: rows, aucun: [] });
    expect(r.html).toContain(
      '<p><strong>Liste : <a href="https://x.fr/A">A</a> <a href="https://x.fr/B">B</a></strong> ; fin</p>',
    );
    expect(r.text).toBe('Liste : A (https://x.fr/A) B (https://x.fr/B) ; fin');
  });

  it('fills placeholders from the view’s own columns only', () => {
    expect(unknownPlaceholders('{{constructor}} {{ToString}} {{UAI}}', view)).toEqual([
      'constructor',
      'ToString',
    ]);
  });

  it('seeds a template for each provider and each member service, from the guide', () => {
    const ids = DEFAULT_TEMPLATES.map((t) => t.id);
    expect(ids).toEqual([
      'transmission-kercia',
      'transmission-exm',
      'transmission-foxit',
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

describe('links, bold and values', () => {
  const body = (text: string): Template => template(text, 'Objet');
  const strongBalanced = (html: string): boolean => {
    let depth = 0;
    for (const tag of html.match(/<\/?strong>/g) ?? []) {
      depth += tag === '<strong>' ? 1 : -1;
      if (depth < 0 || depth > 1) return false;
    }
    return depth === 0;
  };

  it('makes a link whatever its placeholders are called (spaces, apostrophes, &)', () => {
    const view = viewOf({
      'Lien de la convention': 'https://x.fr/a?b=1&c=2',
      "Nom de l'expéditeur": 'Groupement',
      'Nom & prénom': 'Anne Dupont',
    });
    const r = renderTemplate(
      body(
        "[signer la convention]({{Lien de la convention}}) ; [{{Nom & prénom}}]({{ lien DE la convention }})\n\n{{Nom de l'expéditeur}}",
      ),
      view,
    );
    expect(r.html).toContain(
      '<p><a href="https://x.fr/a?b=1&amp;c=2">signer la convention</a> ; <a href="https://x.fr/a?b=1&amp;c=2">Anne Dupont</a></p>',
    );
    expect(r.html).toContain('<p>Groupement</p>');
    expect(r.text).toBe(
      'signer la convention (https://x.fr/a?b=1&c=2) ; Anne Dupont (https://x.fr/a?b=1&c=2)\n\nGroupement',
    );
  });

  it('renders every seeded template with clickable links and balanced bold', () => {
    for (const seeded of DEFAULT_TEMPLATES) {
      const t = templateFrom(seeded);
      // Every placeholder filled; those used as link targets with a URL, the service with RGS**.
      const targets = [...t.body.matchAll(/\]\(\{\{([^}]*)\}\}\)/g)].map((m) => normalizeKey(m[1]));
      const row: View = {};
      for (const key of unknownPlaceholders(`${t.subject}\n${t.body}`, {}).map(normalizeKey))
        row[key] = targets.includes(key)
          ? `https://exemple.fr/${key}?a=1&b=2`
          : key === 'service'
            ? 'Certificats RGS**'
            : `valeur de ${key}`;
      const r = renderTemplate(t, { ...row, adherents: [row, row] });
      const outcome = {
        id: t.id,
        rawLinks: /\]\(/.test(r.html) || /\]\(/.test(r.text),
        // "RGS**" is the name of a certificate level: the only "**" meant as text.
        stars: r.html.replace(/RGS\*\*/g, '').includes('**'),
        balanced: strongBalanced(r.html),
        links: (r.html.match(/<a href=/g) ?? []).length,
      };
      expect(outcome).toEqual({
        id: t.id,
        rawLinks: false,
        stars: false,
        balanced: true,
        links: targets.length,
      });
      for (const url of r.text.match(/https:\/\/exemple\.fr\/[^\s()]+/g) ?? [])
        expect(r.html).toContain(`<a href="${url.replace(/&/g, '&amp;')}">`);
    }
  });

  it('keeps RGS** as text, in the template and in values, and bold where it is meant', () => {
    const view = viewOf({
      Service: 'Certificats RGS**',
      Adresse: 'bc@certigna.fr',
      Objet: 'marché **LDMEMS**',
    });
    const r = renderTemplate(
      body(
        'Pour vos certificats RGS**, envoyez un **bon de commande** à {{Adresse}}, avec pour **objet : « {{Objet}} »**.\n\nService **{{Service}}** : RGS** seulement.',
      ),
      view,
    );
    expect(r.html).toContain(
      '<p>Pour vos certificats RGS**, envoyez un <strong>bon de commande</strong> à bc@certigna.fr, avec pour <strong>objet : « marché **LDMEMS** »</strong>.</p>',
    );
    expect(r.html).toContain(
      '<p>Service <strong>Certificats RGS**</strong> : RGS** seulement.</p>',
    );
    expect(r.text).toBe(
      'Pour vos certificats RGS**, envoyez un bon de commande à bc@certigna.fr, avec pour objet : « marché **LDMEMS** ».\n\nService Certificats RGS** : RGS** seulement.',
    );
  });

  it('never reads markup inside a value', () => {
    const view = viewOf({
      Commentaire: '**urgent** [cliquez](https://evil.example) - {{UAI}}\n\n- point',
      Lien: 'https://x.fr/(a) b',
    });
    const r = renderTemplate(body('Note : {{Commentaire}} [voir]({{Lien}})'), view);
    expect(r.html).toBe(
      '<div style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.45">\n<p>Note : **urgent** [cliquez](https://evil.example) - {{UAI}}<br><br>- point voir (https://x.fr/(a) b)</p>\n</div>',
    );
    expect(r.text).toBe(
      'Note : **urgent** [cliquez](https://evil.example) - {{UAI}}\n\n- point voir (https://x.fr/(a) b)',
    );
  });

  it('links only to http, https and mailto; any other target stays plain text', () => {
    const view = viewOf({
      Lien: 'javascript:alert(document.cookie)',
      Espace: ' \tjavascript:alert(1)',
      Adresse: 'ce.0540015y@ac-nancy-metz.fr',
      Vide: '',
    });
    const r = renderTemplate(
      body(
        '[a]({{Lien}}) [b](javascript:alert(1)) [c](data:text/html,<b>x</b>) [d]({{Espace}}) [e](mailto:{{Adresse}}) [f](HTTPS://X.FR/p) [g]({{Vide}}) [h](/relatif)',
      ),
      view,
    );
    expect(r.html).not.toMatch(/javascript:[^<]*">|data:[^<]*">|<b>/);
    expect(r.html.match(/<a href="[^"]*">/g)).toEqual([
      '<a href="mailto:ce.0540015y@ac-nancy-metz.fr">',
      '<a href="HTTPS://X.FR/p">',
    ]);
    expect(r.html).toContain(
      '<p>a (javascript:alert(document.cookie)) b (javascript:alert(1)) c (data:text/html,&lt;b&gt;x&lt;/b&gt;) d (javascript:alert(1)) <a href="mailto:ce.0540015y@ac-nancy-metz.fr">e</a> <a href="HTTPS://X.FR/p">f</a> g h (/relatif)</p>',
    );
  });

  it('refuses placeholders that would insert raw HTML, naming them', () => {
    const view = viewOf({ Commentaire: '<img src=x onerror=alert(1)>' });
    for (const text of ['Note : {{{Commentaire}}}', 'Note : {{& Commentaire}}']) {
      expect(() => renderTemplate(body(text), view)).toThrow(TemplateError);
      expect(() => renderTemplate(body(text), view)).toThrow(
        `Modèle « t » : ${text.slice(7)} insérerait la valeur telle quelle (HTML brut), ce qui n’est pas permis ; écrivez {{Commentaire}}.`,
      );
    }
    expect(() => renderTemplate(template('Note', 'Objet {{{Commentaire}}}'), view)).toThrow(
      TemplateError,
    );
  });

  it('keeps subjects on one line, without bidi controls', () => {
    const view = viewOf({
      Établissement:
        'Lycée\r\nNord\rEst\u2028Annexe\u2029B\u0085C \u202Egnp.exe\u202C \u2066x\u2069\u200E\u200F\u061C',
    });
    const r = renderTemplate(template('Corps', 'Objet – {{Établissement}}\n'), view);
    expect(r.subject).toBe('Objet – Lycée Nord Est Annexe B C gnp.exe x');
  });
});

describe('CSV attachments', () => {
  it('neutralises cells a spreadsheet would read as a formula, and quotes when needed', () => {
    expect(
      ['=1+1', '+33 6', '-2', '@SUM(A1)', '\t=1+1', '\r=1+1', 'Lycée', ''].map(csvCell),
    ).toEqual(["'=1+1", "'+33 6", "'-2", "'@SUM(A1)", "'\t=1+1", `"'\r=1+1"`, 'Lycée', '']);
    expect(['a;b', 'a,b', 'a"b', 'a\nb'].map(csvCell)).toEqual([
      '"a;b"',
      '"a,b"',
      '"a""b"',
      '"a\nb"',
    ]);
  });
});

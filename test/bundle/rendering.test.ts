// Mails as a recipient reads them: the sample job of `npm start` run through the bundle, its .eml
// files parsed back, and members whose cells hold markup, HTML or formulas.

import { simpleParser, type ParsedMail } from 'mailparser';
import { escapeHtml } from '../../src/core/text';
import { importJob, initializeJob, mailJob, remindersJob, validateJob } from '../../tools/cli/jobs';
import { AppsScriptWorld } from '../../tools/emulator';
import { toEml } from '../../tools/mail/eml';
import { exportRows, sampleExport, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { sampleWorkbook, setSettings } from '../../tools/sample/workbook';
import { fr, typographyFaults } from '../helpers/french';
import { GOOD_MEMBER } from '../helpers/good-member';
import { typeRows } from '../helpers/members';
import { DIST, newWorld } from '../helpers/world';

const URL_IN_TEXT = /(?:https?:\/\/|mailto:)[^\s()<>"«»]+/gi;
const HEADER_CONTROLS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

/** What a recipient would see wrong in one message; empty when it reads right. */
function problems(mail: ParsedMail): string[] {
  const found: string[] = [];
  const html = typeof mail.html === 'string' ? mail.html : '';
  const text = mail.text ?? '';
  if (html === '') return ['no HTML part'];
  if (HEADER_CONTROLS.test(mail.subject ?? '')) found.push(`control character in the subject`);
  for (const url of text.match(URL_IN_TEXT) ?? []) {
    const bare = url.replace(/[.,;:!?]+$/, '');
    if (!html.includes(`<a href="${escapeHtml(bare)}">`)) found.push(`no link to ${bare}`);
  }
  for (const href of html.match(/<a href="[^"]*"/g) ?? [])
    if (!/^<a href="(https?:\/\/|mailto:)/i.test(href)) found.push(`unsafe ${href}`);
  const raw = html.match(/\[[^\]<]*\]\(/);
  if (raw) found.push(`raw link markup ${raw[0]}`);
  // "RGS**" is the name of a certificate level: the only "**" that is meant as text.
  const stars = html.replace(/RGS\*\*/g, '').match(/.{0,30}\*\*.{0,30}/);
  if (stars) found.push(`literal ** in « ${stars[0]} »`);
  let depth = 0;
  for (const tag of html.match(/<\/?strong>/g) ?? []) {
    depth += tag === '<strong>' ? 1 : -1;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) found.push('unbalanced <strong>');
  // French typography in what the recipient reads: the subject, the text part, the HTML's text.
  const htmlText = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, '\u00a0');
  for (const [part, value] of [
    ['objet', mail.subject ?? ''],
    ['texte', text],
    ['HTML', htmlText],
  ])
    found.push(...typographyFaults(value).map((f) => `${part} : ${f}`));
  for (const strong of html.match(/<strong>[^<]*<\/strong>/g) ?? [])
    if (/^<strong>[\s,;.:]/.test(strong)) found.push(`bold starts with punctuation: ${strong}`);
  return found;
}

describe('every mail of the sample job', () => {
  it('shows a link for each URL of its text part, and bold where it is meant', async () => {
    // The main job of `npm start`, as tools/cli/main.ts runs it, in this process.
    const world = new AppsScriptWorld({
      distDir: DIST,
      spreadsheet: sampleWorkbook(DIST),
      mailQuota: 1500,
    });
    initializeJob(world);
    importJob(world, 'export-ds-exemple.csv', toCsv(exportRows(sampleExport(sampleMembers()))));
    validateJob(world);
    const files = [...mailJob(world).files, ...remindersJob(world).files];
    expect(files.length).toBeGreaterThan(50);
    const report: string[] = [];
    let links = 0;
    const bold = new Set<string>();
    for (const file of files) {
      const mail = await simpleParser(Buffer.from(file.data, 'utf8'));
      report.push(...problems(mail).map((p) => `${file.name}: ${p}`));
      links += (String(mail.html).match(/<a href=/g) ?? []).length;
      for (const b of String(mail.html).match(/<strong>[^<]*<\/strong>/g) ?? []) bold.add(b);
    }
    expect(report).toEqual([]);
    expect(links).toBeGreaterThan(files.length);
    expect([...bold]).toEqual(
      expect.arrayContaining([
        '<strong>bon de commande / engagement juridique</strong>',
        fr('<strong>objet du message et de l’EJ : « marché groupement LDMEMS »</strong>'),
      ]),
    );
  });
});

describe('members whose cells hold markup, HTML or formulas', () => {
  it('reach providers and members as typed: no link, no bold, no formula taken from them', async () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    setSettings(world.spreadsheet, {
      'coordonnateur.email': 'coordination@groupement.example',
      // Certigna gets no transmission (the guide): the provider's mail is Yousign's.
      'transmission.yousign': 'marches-publics@yousign.example',
    });
    const RGS_ONLY = { qty_vote: '', qty_pdf: '', qty_rgs: 1, qty_signature: 1 };
    const name = 'Lycée **Les Tilleuls** [site](javascript:alert(1)) <b>x</b>';
    typeRows(world, [
      { ...GOOD_MEMBER, ...RGS_ONLY, name, commune: '\t=1+1' },
      {
        ...GOOD_MEMBER,
        dossier: '18123457',
        uai: '0540016Z',
        email: 'ce.0540016z@ac-nancy-metz.fr',
        ...RGS_ONLY,
        commune: '\r=1+1',
      },
    ]);
    world.run('refreshTrackingFromMenu');
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    world.run('startInstructions', [{ service: 'rgs' }]);

    const certigna = world.outbox.filter((m) => m.to.includes('marches-publics@yousign.example'));
    expect(certigna).toHaveLength(1);
    const csv = Buffer.from(certigna[0].attachments[0].bytes).toString('utf8');
    expect(csv).toContain(`;'\t=1+1;`);
    expect(csv).toContain(`;"'\r=1+1";`);
    expect(certigna[0].htmlBody).toContain('<strong>Signature électronique</strong>');
    expect(certigna[0].htmlBody).toContain(
      'Lycée **Les Tilleuls** [site](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt;',
    );
    const members = world.outbox.filter((m) => m.subject.includes('certificats RGS**'));
    expect(members).toHaveLength(2);
    for (const mail of [...certigna, ...members]) {
      const parsed = await simpleParser(toEml(mail));
      // The member's name is text: its ** and [..](..) are expected as typed, nowhere else.
      const own = { ...parsed, html: String(parsed.html).split(escapeHtml(name)).join('') };
      expect(problems(own as ParsedMail)).toEqual([]);
      expect(parsed.html).not.toMatch(/<b>|javascript:[^<]*">/);
    }
  });
});

import { MAIL_STATUS, messageId, parseMessageId, testId } from '../../src/core/ledger';
import { ledgerMessage, ledgerRecord, type OutgoingMessage } from '../../src/core/messages';
import { pendingEffects, trackingEffects } from '../../src/core/sent-effects';

const envelope = {
  campaign: 'Campagne',
  to: ['a@example.org'],
  cc: [],
  subject: 'Objet',
  html: '<p>x</p>',
  text: 'x',
  attachments: [],
};

describe('message identities', () => {
  it('names each part by what it is, for every kind, and reads back what it wrote', () => {
    const refs = [
      { kind: 'transmission', service: 'pdf', listHash: '8e22c7b9' },
      {
        kind: 'instructions',
        template: 'adherent-pdf',
        uai: '0541000U',
        service: 'pdf',
        step: 'to_transmit',
      },
      {
        kind: 'instructions',
        template: 'a:b',
        uai: '0541000U',
        service: 'pdf',
        step: 'x',
        resend: 2,
      },
      {
        kind: 'reminder',
        rule: 'convention',
        uai: '0541001V',
        service: 'convention',
        day: '2026-02-27',
      },
      { kind: 'digest', day: '2026-03-01' },
    ] as const;
    expect(refs.map((r) => messageId(r))).toEqual([
      'transmission:pdf:8e22c7b9',
      'instructions:adherent-pdf:0541000U:pdf:to_transmit',
      'instructions:a%3Ab:0541000U:pdf:x:renvoi-2',
      'relance:convention:0541001V:convention:2026-02-27',
      'recapitulatif:2026-03-01',
    ]);
    for (const ref of refs) {
      expect(parseMessageId(messageId(ref))).toEqual({ ...ref, test: false });
      expect(parseMessageId(testId(messageId(ref)))).toEqual({ ...ref, test: true });
    }
  });

  it('reads an identity cut short by hand with its missing parts empty, an unknown one as none', () => {
    expect(parseMessageId(' transmission:pdf ')).toEqual({
      kind: 'transmission',
      service: 'pdf',
      listHash: '',
      test: false,
    });
    expect(parseMessageId('Transmission 27/02|Foxit')).toBeUndefined();
  });
});

describe('a message in its « Envois » row', () => {
  const messages: OutgoingMessage[] = [
    {
      ...envelope,
      id: 'transmission:pdf:8e22c7b9',
      kind: 'transmission',
      provider: 'Foxit',
      listedUais: ['0541000U', '0541001V'],
    },
    { ...envelope, id: 'instructions:t:0541000U:pdf:s', kind: 'instructions', uai: '0541000U' },
    {
      ...envelope,
      id: 'recapitulatif:2026-03-01',
      kind: 'digest',
      notes: ['0540015Y : une note', 'Une autre'],
    },
  ];

  it('writes the cells earlier versions wrote, and reads each meaning back from its own kind', () => {
    const rows = messages.map((m) => ledgerRecord(m, new Date(2026, 2, 2)));
    expect(rows.map((r) => [r.memberKey, r.content, r.status])).toEqual([
      ['Foxit', '0541000U, 0541001V', MAIL_STATUS.planned],
      ['0541000U', '', MAIL_STATUS.planned],
      ['coordonnateur', '0540015Y : une note\nUne autre', MAIL_STATUS.planned],
    ]);
    const [transmission, instructions, digest] = rows.map(ledgerMessage);
    expect(transmission).toMatchObject({ listedUais: ['0541000U', '0541001V'] });
    expect(instructions).not.toHaveProperty('listedUais');
    expect(digest).toMatchObject({ notes: ['0540015Y : une note', 'Une autre'] });
    expect(digest).not.toHaveProperty('listedUais');
  });

  it('a digest whose notes name a school moves nothing in the Suivi', () => {
    const rows = messages.map((m) => ({
      cells: { ...ledgerRecord(m, new Date(2026, 2, 2)), status: MAIL_STATUS.sent },
    }));
    const due = pendingEffects(rows);
    expect(due.map((d) => d.id)).toEqual(['transmission:pdf:8e22c7b9']);
    const suivi = [
      { row: 2, cells: { key: '0540015Y|pdf', uai: '0540015Y', step: 'À transmettre' } },
      { row: 3, cells: { key: '0541000U|pdf', uai: '0541000U', step: 'À transmettre' } },
    ];
    const effects = trackingEffects(
      due.map((d) => d.message),
      suivi,
      new Date(2026, 2, 2),
    );
    expect(effects.moved).toBe(1);
    expect(effects.updates.map((u) => [u.row, u.key, u.value])).toEqual([
      [3, 'step', 'Transmis à Foxit'],
      [3, 'stepDate', new Date(2026, 2, 2)],
      [3, 'history', '02/03/2026 : Transmis à Foxit'],
    ]);
  });
});

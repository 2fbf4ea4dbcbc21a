// Fictional member schools for the sample workbook and the tests: invented names and communes,
// UAIs of the académie's départements with valid check letters, a fixed seed.

import { CHECK_ALPHABET, makeUai } from '../../src/core/uai';
import { SERVICES } from '../../src/core/services';
import { wallClock } from '../emulator';
import { SeededRandom } from './random';

export interface SampleMember {
  dossier: number;
  uai: string;
  name: string;
  commune: string;
  status: 'Public' | 'Privé';
  email: string;
  dsState: string;
  depositDate: Date;
  convention: string;
  signatureDate: Date | '';
  signerPhone: string;
  wave: string;
  quantities: Record<string, number | ''>;
  comment: string;
}

const KINDS = [
  'Collège',
  'Collège',
  'Collège',
  'Lycée',
  'Lycée professionnel',
  'Lycée polyvalent',
  'EREA',
];
const PATRONS = [
  'Les Tilleuls',
  'La Sapinière',
  'Le Haut-Chêne',
  'Les Trois-Sources',
  'Marie Vautrin',
  'Paul Clerget',
  'Les Mirabelliers',
  'La Roche-Grise',
  'Jeanne Brivet',
  'Le Val Fleuri',
  'Henri Morlaix',
  'Les Vergers',
  'La Forge',
  'Camille Aubertin',
  'Le Belvédère',
  'Les Hauts-Prés',
  'Lucie Garnotte',
  'Le Moulin-Neuf',
  'L’Orée du Bois',
  'Étienne Fabrot',
  'Les Cerisiers',
  'La Source Bleue',
  'Simone Ardel',
  'Le Plateau',
];
const COMMUNES = [
  'Val-sur-Meurthe',
  'Saint-Aubin-les-Forges',
  'Bois-le-Comte',
  'Haute-Rive',
  'Mont-sur-Orne',
  'Villers-la-Fontaine',
  'Pont-Sainte-Marie',
  'Rochebelle',
  'Ferrières-sur-Moselle',
  'Clairvaux-en-Vosges',
  'Beaulieu-la-Côte',
  'Saint-Martin-des-Prés',
];
const DEPARTEMENTS = ['054', '054', '055', '057', '057', '088'];
const QUANTITY_RANGE: Record<string, [number, number]> = {
  vote: [1, 1],
  tpe: [1, 3],
  pdf: [1, 12],
  rgs: [1, 2],
  signature: [1, 2],
};
const TAKE_RATE: Record<string, number> = {
  vote: 0.5,
  tpe: 0.35,
  pdf: 0.6,
  rgs: 0.3,
  signature: 0.45,
};

/** Midnight in Paris; a day past the month's end carries over (31 February is 3 March). */
const parisDate = (y: number, m: number, d: number): Date =>
  wallClock.toInstant({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, 'Europe/Paris');

/** The sample's today (2 March 2026): deposits and signatures are dated before it. */
const LAST_DAY = { year: 2026, month: 3, day: 1 };

function signedOn(year: number, month: number, day: number): Date {
  const date = parisDate(year, month, day);
  const last = parisDate(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day);
  return date.getTime() > last.getTime() ? last : date;
}

export function sampleMembers(count = 60, seed = 2025): SampleMember[] {
  const random = new SeededRandom(seed);
  const used = new Set<string>();
  const members: SampleMember[] = [];
  for (let i = 0; i < count; i++) {
    let uai: string;
    do uai = makeUai(random.pick(DEPARTEMENTS), random.int(1, 9999));
    while (used.has(uai));
    used.add(uai);
    const spring = random.chance(0.2);
    // Spring wave: deposited in February, before the sample's today.
    const [year, month, day] = spring ? [2026, 2, random.int(2, 27)] : [2025, 9, random.int(8, 30)];
    const deposit = parisDate(year, month, day);
    const stateRoll = random.next();
    const dsState =
      stateRoll < 0.82
        ? 'Accepté'
        : stateRoll < 0.92
          ? 'En instruction'
          : stateRoll < 0.97
            ? 'En construction'
            : 'Refusé';
    const conventionRoll = random.next();
    const convention =
      conventionRoll < 0.8
        ? 'Signée en ligne'
        : conventionRoll < 0.97
          ? 'En attente'
          : 'Manuscrite';
    const signed = convention === 'Signée en ligne';
    const quantities: Record<string, number | ''> = {};
    let any = false;
    for (const service of SERVICES) {
      const take = random.chance(TAKE_RATE[service.id]);
      const [min, max] = QUANTITY_RANGE[service.id];
      quantities[service.id] = take ? random.int(min, max) : '';
      any ||= take;
    }
    if (!any) quantities.pdf = random.int(1, 5);
    const emailRoll = random.next();
    const email =
      emailRoll < 0.85
        ? `ce.${uai.toLowerCase()}@ac-nancy-metz.fr`
        : emailRoll < 0.95
          ? `gestion.${uai.toLowerCase()}@ac-nancy-metz.fr`
          : `Ce.${uai.slice(0, 7)}${uai[7]}@ac-nancy-metz.fr`;
    members.push({
      dossier: 18_000_000 + random.int(100_000, 999_999),
      uai,
      name: `${random.pick(KINDS)} ${random.pick(PATRONS)}`,
      commune: random.pick(COMMUNES),
      status: random.chance(0.85) ? 'Public' : 'Privé',
      email,
      dsState,
      depositDate: deposit,
      convention,
      // Signed some days after the deposit, at midnight in Paris, never after the sample's today.
      signatureDate: signed ? signedOn(year, month, day + random.int(2, 40)) : '',
      signerPhone: `0${random.pick(['6', '7'])} ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))}`,
      wave: spring ? 'Printemps 2026' : 'Automne 2025',
      quantities,
      comment: '',
    });
  }
  return withTypicalMistakes(members);
}

/** A few mistakes coordinators really meet, so that the sample validation has something to show. */
function withTypicalMistakes(members: SampleMember[]): SampleMember[] {
  return members.map((m, i) => {
    if (i === 11) {
      const letters = CHECK_ALPHABET;
      const wrong = letters[(letters.indexOf(m.uai[7]) + 1) % letters.length];
      return { ...m, uai: m.uai.slice(0, 7) + wrong };
    }
    if (i === 23) return { ...m, quantities: { ...m.quantities, pdf: '2 ' as unknown as number } };
    if (i === 37) return { ...m, signerPhone: '03 83 41 12 12' };
    return m;
  });
}

import {
  isEmailAddress,
  parseSetting,
  resolveSettings,
  settingSpec,
} from '../../src/core/settings';
import { SETTINGS } from '../../src/core/workbook/settings';

describe('settings', () => {
  it('has the deployment guide values as defaults', () => {
    const { settings, problems } = resolveSettings(new Map());
    expect(problems).toEqual([]);
    expect(settings.get('groupement.adresse')).toBe('ce.0540015y_ga@ac-nancy-metz.fr');
    expect(settings.get('certigna.objet')).toBe('marché groupement LDMEMS');
    expect(settings.get('certigna.adresseCommande')).toBe('bondecommande@certigna.fr');
    expect(settings.get('certigna.delaiHeures')).toBe(72);
    expect(settings.get('tpe.contactEmail')).toBe('veronique.vezine@exm.fr');
    expect(settings.get('groupement.delaiReponseJours')).toBe(7);
    expect(settings.get('groupement.departements')).toEqual(['054', '055', '057', '088']);
    expect(settings.get('coordonnateur.email')).toBe('');
  });

  it('every setting has a label and a description', () => {
    for (const s of SETTINGS) {
      expect(s.label.length).toBeGreaterThan(3);
      expect(s.description.length).toBeGreaterThan(10);
    }
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
  });

  it('parses typed values and explains bad ones in French', () => {
    expect(parseSetting(settingSpec('certigna.delaiHeures'), '48')).toEqual({ value: 48 });
    expect(parseSetting(settingSpec('certigna.delaiHeures'), 'soixante')).toEqual({
      problem:
        '« soixante » n’est pas un nombre entier positif ou nul (attendu : un nombre comme 72).',
    });
    expect(parseSetting(settingSpec('groupement.adresse'), 'pas une adresse')).toHaveProperty(
      'problem',
    );
    expect(
      parseSetting(settingSpec('convention.formulaire'), 'javascript:alert(1)'),
    ).toHaveProperty('problem');
  });

  it('falls back to the default and reports a bad value', () => {
    const { settings, problems } = resolveSettings(new Map([['certigna.delaiHeures', '-4']]));
    expect(settings.get('certigna.delaiHeures')).toBe(72);
    expect(problems).toEqual([
      {
        key: 'certigna.delaiHeures',
        message: '« -4 » n’est pas un nombre entier positif ou nul (attendu : un nombre comme 72).',
      },
    ]);
  });

  it('checks e-mail syntax', () => {
    expect(isEmailAddress('Ce.0731224J@ac-grenoble.fr')).toBe(true);
    expect(isEmailAddress('ce.0540015y_ga@ac-nancy-metz.fr')).toBe(true);
    expect(isEmailAddress('ce.0540015y@ac-nancy-metz')).toBe(false);
    expect(isEmailAddress('a b@c.fr')).toBe(false);
  });
});

// The five services of the groupement and their providers, as the deployment guide lists them.

import { plural } from './text';

export type ServiceId = 'vote' | 'tpe' | 'pdf' | 'rgs' | 'signature';

export interface Service {
  readonly id: ServiceId;
  /** Name of the service in French, as the guide writes it. */
  readonly label: string;
  readonly provider: string;
  /** Header of the quantity column on the members sheet. */
  readonly quantityHeader: string;
  /** What the units of quantity are, for messages ("licences", "terminaux"). */
  readonly unit: string;
  /** One unit ("licence", "terminal"). */
  readonly unitOne: string;
}

export const SERVICES: readonly Service[] = [
  {
    id: 'vote',
    label: 'Vote électronique',
    provider: 'Kercia',
    quantityHeader: 'Vote électronique (Kercia)',
    unit: 'accès',
    unitOne: 'accès',
  },
  {
    id: 'tpe',
    label: 'TPE',
    provider: 'EXM',
    quantityHeader: 'TPE (EXM)',
    unit: 'terminaux',
    unitOne: 'terminal',
  },
  {
    id: 'pdf',
    label: 'Logiciel PDF',
    provider: 'Foxit',
    quantityHeader: 'Logiciel PDF (Foxit)',
    unit: 'licences',
    unitOne: 'licence',
  },
  {
    id: 'rgs',
    label: 'Certificats RGS**',
    provider: 'Certigna',
    quantityHeader: 'Certificats RGS** (Certigna)',
    unit: 'certificats',
    unitOne: 'certificat',
  },
  {
    id: 'signature',
    label: 'Signature électronique',
    provider: 'Yousign',
    quantityHeader: 'Signature électronique (Yousign)',
    unit: 'comptes',
    unitOne: 'compte',
  },
];

export function serviceById(id: ServiceId): Service {
  const found = SERVICES.find((s) => s.id === id);
  if (!found) throw new Error(`Unknown service ${id}`);
  return found;
}

/** A quantity with its unit (« 1 licence », « 3 licences »), or the cell's text when not a number. */
export function quantityText(id: ServiceId, quantity: unknown, asTyped: string): string {
  const service = serviceById(id);
  return typeof quantity === 'number' && Number.isFinite(quantity)
    ? plural(quantity, service.unitOne, service.unit)
    : asTyped;
}

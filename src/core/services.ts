// The five services of the groupement and their providers, as the deployment guide lists them.

export type ServiceId = 'vote' | 'tpe' | 'pdf' | 'rgs' | 'signature';

export interface Service {
  readonly id: ServiceId;
  /** Name of the service in French, as the guide writes it. */
  readonly label: string;
  readonly provider: string;
  /** Header of the quantity column on the members sheet. */
  readonly quantityHeader: string;
  /** What one unit of quantity is, for messages ("licences", "terminaux"). */
  readonly unit: string;
}

export const SERVICES: readonly Service[] = [
  {
    id: 'vote',
    label: 'Vote électronique',
    provider: 'Kercia',
    quantityHeader: 'Vote électronique (Kercia)',
    unit: 'accès',
  },
  { id: 'tpe', label: 'TPE', provider: 'EXM', quantityHeader: 'TPE (EXM)', unit: 'terminaux' },
  {
    id: 'pdf',
    label: 'Logiciel PDF',
    provider: 'Foxit',
    quantityHeader: 'Logiciel PDF (Foxit)',
    unit: 'licences',
  },
  {
    id: 'rgs',
    label: 'Certificats RGS**',
    provider: 'Certigna',
    quantityHeader: 'Certificats RGS** (Certigna)',
    unit: 'certificats',
  },
  {
    id: 'signature',
    label: 'Signature électronique',
    provider: 'Yousign',
    quantityHeader: 'Signature électronique (Yousign)',
    unit: 'comptes',
  },
];

export function serviceById(id: ServiceId): Service {
  const found = SERVICES.find((s) => s.id === id);
  if (!found) throw new Error(`Unknown service ${id}`);
  return found;
}

// PropertiesService: script, user and document stores, with Google's size limits.

import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';

const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

export class PropertyStore {
  readonly values = new Map<string, string>();

  size(): number {
    let total = 0;
    for (const [k, v] of this.values) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    return total;
  }
}

export class EmulatedPropertiesService
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.Properties.PropertiesService,
      'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'
    >
{
  readonly [SERVICE] = 'PropertiesService';
  readonly className = 'PropertiesService';

  constructor(
    private readonly stores: {
      script: PropertyStore;
      user: PropertyStore;
      document: PropertyStore;
    },
  ) {
    super();
  }

  getScriptProperties(): EmulatedProperties {
    return new EmulatedProperties(this.stores.script);
  }

  getUserProperties(): EmulatedProperties {
    return new EmulatedProperties(this.stores.user);
  }

  getDocumentProperties(): EmulatedProperties {
    return new EmulatedProperties(this.stores.document);
  }
}

export class EmulatedProperties
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.Properties.Properties,
      | 'getProperty'
      | 'setProperty'
      | 'getProperties'
      | 'setProperties'
      | 'deleteProperty'
      | 'deleteAllProperties'
      | 'getKeys'
    >
{
  readonly [SERVICE] = 'PropertiesService';
  readonly className = 'Properties';

  constructor(private readonly store: PropertyStore) {
    super();
  }

  getProperty(key: string): string | null {
    return this.store.values.get(key) ?? null;
  }

  setProperty(key: string, value: string): EmulatedProperties {
    return this.setProperties({ [key]: value });
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store.values);
  }

  setProperties(properties: Record<string, string>, deleteAllOthers = false): EmulatedProperties {
    const next = new Map(deleteAllOthers ? [] : this.store.values);
    for (const [key, raw] of Object.entries(properties)) {
      const value = String(raw);
      if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
      next.set(key, value);
    }
    const probe = new PropertyStore();
    for (const [k, v] of next) probe.values.set(k, v);
    if (probe.size() > MAX_STORE_BYTES) {
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.store.values.clear();
    for (const [k, v] of next) this.store.values.set(k, v);
    return this;
  }

  deleteProperty(key: string): EmulatedProperties {
    this.store.values.delete(key);
    return this;
  }

  deleteAllProperties(): EmulatedProperties {
    this.store.values.clear();
    return this;
  }

  getKeys(): string[] {
    return [...this.store.values.keys()];
  }
}

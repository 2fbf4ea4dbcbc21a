// Utilities (dates, CSV, blobs, digests, sleep), Session and Logger, as Apps Script has them.

import { createHash, randomUUID } from 'node:crypto';
import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';
import type { Clock } from './clock';
import { wallClock } from './zone';
import { parseCsv } from '../../src/core/csv';

export { parseCsv };

/** Java bytes are signed: Apps Script returns byte arrays with values from -128 to 127. */
const toJavaBytes = (buf: Uint8Array): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));
const fromJavaBytes = (bytes: readonly number[]): Buffer => Buffer.from(bytes.map((b) => b & 0xff));
const asBuffer = (data: string | readonly number[]): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : fromJavaBytes(data);

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** SimpleDateFormat patterns, as Utilities.formatDate reads them. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const p = wallClock.parts(date, timeZone);
  const offsetMin = Math.round(
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
      Math.floor(date.getTime() / 1000) * 1000) /
      60000,
  );
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return pattern.replace(
    /'([^']*)'|y+|M+|d+|H+|h+|m+|s+|S+|E+|Z+|X+|a/g,
    (token, literal?: string) => {
      if (literal !== undefined) return literal === '' ? "'" : literal;
      const n = token.length;
      switch (token[0]) {
        case 'y':
          return n === 2 ? pad(p.year % 100) : String(p.year);
        case 'M':
          return n >= 4
            ? MONTH_NAMES[p.month - 1]
            : n === 3
              ? MONTH_NAMES[p.month - 1].slice(0, 3)
              : pad(p.month, n);
        case 'd':
          return pad(p.day, n);
        case 'H':
          return pad(p.hour, n);
        case 'h':
          return pad(((p.hour + 11) % 12) + 1, n);
        case 'm':
          return pad(p.minute, n);
        case 's':
          return pad(p.second, n);
        case 'S':
          return pad(date.getTime() % 1000, 3);
        case 'E':
          return n >= 4 ? DAY_NAMES[p.weekday] : DAY_NAMES[p.weekday].slice(0, 3);
        case 'Z':
          return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
        case 'X':
          return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
        default:
          return p.hour < 12 ? 'AM' : 'PM';
      }
    },
  );
}

export class EmulatedBlob
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.Base.Blob,
      | 'getBytes'
      | 'getDataAsString'
      | 'getName'
      | 'setName'
      | 'getContentType'
      | 'setContentType'
      | 'copyBlob'
    >
{
  readonly [SERVICE] = 'Utilities';
  readonly className = 'Blob';

  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {
    super();
  }

  getBytes(): number[] {
    return toJavaBytes(this.bytes);
  }

  getDataAsString(): string {
    return this.bytes.toString('utf8');
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): EmulatedBlob {
    this.name = name;
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): EmulatedBlob {
    this.contentType = contentType;
    return this;
  }

  copyBlob(): EmulatedBlob {
    return new EmulatedBlob(Buffer.from(this.bytes), this.contentType, this.name);
  }
}

export class EmulatedUtilities
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.Utilities.Utilities,
      | 'formatDate'
      | 'parseCsv'
      | 'newBlob'
      | 'computeDigest'
      | 'base64Encode'
      | 'base64Decode'
      | 'getUuid'
      | 'sleep'
    >
{
  readonly [SERVICE] = 'Utilities';
  readonly className = 'Utilities';
  readonly DigestAlgorithm = {
    MD5: 'MD5',
    SHA_1: 'SHA_1',
    SHA_256: 'SHA_256',
    SHA_512: 'SHA_512',
  } as const;
  readonly Charset = { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' } as const;

  constructor(private readonly clock: Clock) {
    super();
  }

  formatDate(gasDate: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    const date = gasDate as unknown as Date;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new Error('Exception: Invalid argument: date');
    }
    return formatDate(date, timeZone, format);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(csv, delimiter ?? ',');
  }

  newBlob(data: string | number[], contentType?: string, name?: string): EmulatedBlob {
    return new EmulatedBlob(asBuffer(data), contentType ?? null, name ?? null);
  }

  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
  ): number[] {
    const names: Record<string, string> = {
      MD5: 'md5',
      SHA_1: 'sha1',
      SHA_256: 'sha256',
      SHA_512: 'sha512',
    };
    const name = names[String(algorithm)];
    if (!name) throw new Error(`Exception: Invalid argument: algorithm`);
    return toJavaBytes(createHash(name).update(asBuffer(value)).digest());
  }

  base64Encode(data: string | number[]): string {
    return asBuffer(data).toString('base64');
  }

  base64Decode(encoded: string): number[] {
    return toJavaBytes(Buffer.from(encoded, 'base64'));
  }

  getUuid(): string {
    return randomUUID();
  }

  sleep(milliseconds: number): void {
    if (milliseconds > 300_000) throw new Error('Exception: Invalid argument: milliseconds');
    this.clock.advance(milliseconds);
  }
}

export class EmulatedUser
  extends Emulated
  implements Mirror<GoogleAppsScript.Base.User, 'getEmail'>
{
  readonly [SERVICE] = 'Session';
  readonly className = 'User';

  constructor(private readonly email: string) {
    super();
  }

  getEmail(): string {
    return this.email;
  }
}

export class EmulatedSession
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.Base.Session,
      | 'getActiveUser'
      | 'getEffectiveUser'
      | 'getScriptTimeZone'
      | 'getActiveUserLocale'
      | 'getTemporaryActiveUserKey'
    >
{
  readonly [SERVICE] = 'Session';
  readonly className = 'Session';

  constructor(
    private readonly user: string,
    private readonly timeZone: string,
    private readonly anonymous: boolean,
  ) {
    super();
  }

  getActiveUser(): EmulatedUser {
    return new EmulatedUser(this.anonymous ? '' : this.user);
  }

  getEffectiveUser(): EmulatedUser {
    return new EmulatedUser(this.anonymous ? '' : this.user);
  }

  getScriptTimeZone(): string {
    return this.timeZone;
  }

  getActiveUserLocale(): string {
    return 'fr';
  }

  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(this.user).digest('hex').slice(0, 24);
  }
}

export class EmulatedLogger
  extends Emulated
  implements Mirror<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'>
{
  readonly [SERVICE] = 'Logger';
  readonly className = 'Logger';

  constructor(private readonly lines: string[]) {
    super();
  }

  log(data: unknown, ...values: unknown[]): EmulatedLogger {
    let text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const v of values) text = text.replace(/%s|%d/, String(v));
    this.lines.push(text);
    return this;
  }

  getLog(): string {
    return this.lines.join('\n');
  }

  clear(): void {
    this.lines.length = 0;
  }
}

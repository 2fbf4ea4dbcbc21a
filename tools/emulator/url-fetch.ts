// UrlFetchApp: requests go to a handler the test or the command line installs (a fake server), never
// to the network. As in Apps Script, a non-2xx answer throws unless `muteHttpExceptions` is set, and
// an unreachable address throws "Address unavailable".

import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';

/** A request as the handler receives it (header names as the script wrote them). */
export interface HttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  readonly payload: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Answers a request; throws to stand for a network failure (its message is what Apps Script says). */
export type HttpHandler = (request: HttpRequest) => HttpAnswer;

/** The project's network: the handler, and every request made, in order. */
export class NetworkModel {
  handler: HttpHandler | undefined;
  readonly requests: HttpRequest[] = [];
}

interface FetchOptions {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

const KNOWN_OPTIONS = new Set([
  'method',
  'headers',
  'payload',
  'contentType',
  'muteHttpExceptions',
  'followRedirects',
  'validateHttpsCertificates',
  'escaping',
]);
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);

export class EmulatedUrlFetchApp
  extends Emulated
  implements Mirror<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'>
{
  readonly [SERVICE] = 'UrlFetchApp';
  readonly className = 'UrlFetchApp';

  constructor(private readonly network: NetworkModel) {
    super();
  }

  fetch(url: string, params: FetchOptions = {}): EmulatedHttpResponse {
    if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/i.test(url))
      throw new Error(`Exception: Invalid argument: ${String(url)}`);
    for (const key of Object.keys(params))
      if (!KNOWN_OPTIONS.has(key)) throw new Error(`Exception: Invalid argument: ${key}`);
    const method = (params.method ?? 'get').toLowerCase();
    if (!METHODS.has(method)) throw new Error(`Exception: Invalid argument: method ${method}`);
    const headers = Object.fromEntries(
      Object.entries(params.headers ?? {}).map(([k, v]) => [k, String(v)]),
    );
    const payload =
      params.payload === undefined
        ? ''
        : typeof params.payload === 'string'
          ? params.payload
          : new URLSearchParams(params.payload as Record<string, string>).toString();
    const request: HttpRequest = {
      url,
      method: method.toUpperCase(),
      headers,
      contentType:
        params.contentType ?? (payload === '' ? '' : 'application/x-www-form-urlencoded'),
      payload,
    };
    this.network.requests.push(request);
    const handler = this.network.handler;
    if (!handler) throw new Error(`Exception: Address unavailable: ${url}`);
    const answer = handler(request);
    if (!params.muteHttpExceptions && (answer.status < 200 || answer.status > 299)) {
      const host = /^https?:\/\/[^/]+/i.exec(url)?.[0] ?? url;
      throw new Error(
        `Exception: Request failed for ${host} returned code ${answer.status}. Truncated server response: ${answer.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new EmulatedHttpResponse(answer);
  }
}

export class EmulatedHttpResponse
  extends Emulated
  implements
    Mirror<
      GoogleAppsScript.URL_Fetch.HTTPResponse,
      'getResponseCode' | 'getContentText' | 'getHeaders' | 'getAllHeaders'
    >
{
  // Reading a response is local: the round trip's latency is charged to fetch alone.
  readonly [SERVICE] = 'HTTPResponse';
  readonly className = 'HTTPResponse';

  constructor(private readonly answer: HttpAnswer) {
    super();
  }

  getResponseCode(): number {
    return this.answer.status;
  }

  getContentText(): string {
    return this.answer.body;
  }

  getHeaders(): Record<string, string> {
    return { ...(this.answer.headers ?? {}) };
  }

  getAllHeaders(): Record<string, string> {
    return { ...(this.answer.headers ?? {}) };
  }
}

// The one place that calls démarches simplifiées: a GraphQL POST through UrlFetchApp, read into a
// plain outcome for the core. The token goes in the Authorization header and nowhere else.

import { endpointOf, type GraphqlRequest, type HttpOutcome } from '../core/ds-api';

export function postGraphql(url: string, token: string, request: GraphqlRequest): HttpOutcome {
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(endpointOf(url), {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(request),
      headers: { Authorization: `Bearer ${token}` },
      muteHttpExceptions: true,
    });
  } catch (error) {
    // DNS, refused connection, timeout: Apps Script throws with the address, never the headers.
    return { network: String((error as Error)?.message ?? error) };
  }
  return {
    status: response.getResponseCode(),
    headers: response.getHeaders() as Record<string, unknown>,
    body: response.getContentText(),
  };
}

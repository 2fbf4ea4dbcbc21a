// Messages of the emulated outbox written as .eml files (RFC 5322 / MIME): UTF-8 headers encoded as
// RFC 2047 words, text and HTML alternatives, attachments, all in base64.

import type { SentMail } from '../emulator';

const CRLF = '\r\n';

/** An RFC 2047 encoded word when the text is not plain ASCII. */
export function encodeHeader(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  // Encoded words stay short: split on characters, not bytes, so no UTF-8 sequence is cut.
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  words.push(chunk);
  return words
    .map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`)
    .join(`${CRLF} `);
}

const base64Lines = (data: Buffer): string =>
  data.toString('base64').replace(/.{1,76}/g, (line) => `${line}${CRLF}`);

function address(name: string, email: string): string {
  return name ? `${encodeHeader(name.replace(/"/g, ''))} <${email}>` : email;
}

export function toEml(mail: SentMail, boundarySeed = String(mail.id)): string {
  const mixed = `mixed-${boundarySeed}`;
  const alternative = `alt-${boundarySeed}`;
  const headers = [
    `From: ${address(mail.name, mail.from)}`,
    `To: ${mail.to.join(', ')}`,
    ...(mail.cc.length ? [`Cc: ${mail.cc.join(', ')}`] : []),
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${mail.at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${mail.id}.${mail.at.getTime()}@groupement.invalid>`,
    'MIME-Version: 1.0',
  ];
  const alternativePart = [
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(mail.body, 'utf8')),
    `--${alternative}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(mail.htmlBody || mail.body, 'utf8')),
    `--${alternative}--`,
    '',
  ].join(CRLF);
  if (mail.attachments.length === 0) return [...headers, alternativePart].join(CRLF);
  const attachments = mail.attachments.map((a) =>
    [
      `--${mixed}`,
      `Content-Type: ${a.contentType}; name="${encodeHeader(a.name)}"`,
      `Content-Disposition: attachment; filename="${encodeHeader(a.name)}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(Buffer.from(a.bytes)),
    ].join(CRLF),
  );
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    alternativePart,
    ...attachments,
    `--${mixed}--`,
    '',
  ].join(CRLF);
}

/** A file name for a message: its number and a readable part of its subject. */
export function emlName(mail: SentMail): string {
  const slug = mail.subject
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${String(mail.id).padStart(4, '0')}-${slug || 'message'}.eml`;
}

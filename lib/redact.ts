/**
 * Scrubbing of error text. A database driver's error quotes the failed
 * statement with its values, which for an order are the customer's name,
 * address, phone and e-mail; a stack or a host:port tells an outsider how the
 * system is built. Logs get the text with those values taken out; clients get
 * none of it (see looksInternal).
 */

// A quoted value, to its closing quote or to the end when the driver cut the text short.
// Single quotes escape with a backslash (MySQL) or by doubling (SQLite); double quotes hold JSON strings.
const QUOTED = /'(?:[^'\\]|\\[\s\S]|'')*(?:'|$)|"(?:[^"\\]|\\[\s\S])*(?:"|$)/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Philippine mobile numbers in any of their written forms, then any other international number.
const PHONE = /(?<![\w-])(?:\+?63[ -]?|0)?9\d{2}[ -]?\d{3}[ -]?\d{4}(?![\w-])|\+\d[\d -]{7,}\d/g;

const SQL = /\b(?:insert\s+into|update\s+`?\w+`?\s+set|delete\s+from|select\s[\s\S]*?\sfrom\s+[`"]?\w+[`"]?\s*(?:where|join|limit|order|group|;|$)|alter\s+table|create\s+table|on\s+duplicate\s+key|ER_[A-Z_]+|SQLITE_[A-Z_]+|SQLSTATE)\b/i;
const STACK = /^\s*at\s|\(\S+:\d+:\d+\)|\.[cm]?[jt]s:\d+/m;
const HOST = /\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN)\b|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b(?:localhost|[a-z][\w-]*(?:\.[\w-]+)+):\d{2,5}\b/;

/** E-mail addresses and phone numbers replaced; the rest of the text kept. */
export function redactPersonal(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** For logs: every quoted value (SQL values, JSON strings) and any personal data left outside quotes taken out, cut to `max` characters. */
export function redact(text: string, max = 2000): string {
  const scrubbed = redactPersonal(text.replace(QUOTED, (q) => `${q[0]}…${q[0]}`));
  return scrubbed.length > max ? `${scrubbed.slice(0, max)}…` : scrubbed;
}

/** Whether text reads like SQL, a stack trace or a network address: never for a client, however it is redacted. */
export function looksInternal(text: string): boolean {
  return SQL.test(text) || STACK.test(text) || HOST.test(text);
}

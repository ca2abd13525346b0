import nodemailer from 'nodemailer';

/** Sends one e-mail; throws when the server refuses it or cannot be reached. */
export interface EmailSender {
  send(to: string, subject: string, text: string): Promise<void>;
}

// nodemailer waits minutes by default; a hung SMTP server must fail the
// attempt well inside the activity's 30 s start-to-close timeout.
const TIMEOUT_MS = 10_000;

/** An SMTP sender for SMTP_URL (smtp://127.0.0.1:1025, smtps://user:pass@host:465, ...). */
export function smtpEmailSender(url: string, from: string): EmailSender {
  const transport = nodemailer.createTransport({ url, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS });
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}

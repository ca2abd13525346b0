import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Test doubles that speak the real protocols over real sockets on 127.0.0.1:
 * an SMTP server that keeps every message and an HTTP SMS provider whose
 * answers each test scripts per phone number.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: nodemailer would refuse STARTTLS's self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({ from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The provider's answer to one request: an HTTP status, or 'hang' (held open until release). */
export type SmsAnswer = number | 'hang';

export interface ReceivedSms {
  to: string;
  message: string;
  authorization: string | undefined;
}

export interface SmsReceiver {
  url: string;
  received: ReceivedSms[];
  /** Scripts the answers for one number: `answer(n)` for its n-th request from now on (from 0); 200 when unscripted. */
  script(to: string, answer: (n: number) => SmsAnswer): void;
  /** Requests for this number being held open right now. */
  hanging(to: string): number;
  /** Answers 200 to this number's held requests and to every later one. */
  release(to: string): void;
  close(): Promise<void>;
}

export async function startSmsReceiver(): Promise<SmsReceiver> {
  const received: ReceivedSms[] = [];
  const scripts = new Map<string, { answer: (n: number) => SmsAnswer; from: number }>();
  const countFor = (to: string) => received.filter((r) => r.to === to).length;
  const held: { to: string; res: http.ServerResponse }[] = [];
  const answer = (res: http.ServerResponse, status: number) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status < 300 ? { status: 'queued' } : { error: 'provider down' }));

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const sms = JSON.parse(body) as { to: string; message: string };
      const script = scripts.get(sms.to);
      const reply = script ? script.answer(countFor(sms.to) - script.from) : 200;
      received.push({ to: sms.to, message: sms.message, authorization: req.headers.authorization });
      if (reply === 'hang') held.push({ to: sms.to, res });
      else answer(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    script: (to, answer) => void scripts.set(to, { answer, from: countFor(to) }),
    hanging: (to) => held.filter((h) => h.to === to && !h.res.writableEnded && !h.res.destroyed).length,
    release(to) {
      scripts.delete(to);
      for (const h of held.filter((x) => x.to === to)) if (!h.res.writableEnded) answer(h.res, 200);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { looksInternal, redact, redactPersonal } from '../../lib/redact';

// What a driver error looked like in the error log: the statement with the order's values in it.
const DRIVER_ERROR =
  "insert into `orders` (`customer_id`, `shipping_address`, `client_ip`) values ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', " +
  '\'{\\"recipientName\\":\\"Juan dela Cruz\\",\\"phone\\":\\"+639171234567\\",\\"line1\\":\\"123 Ayala Ave.\\"}\', ' +
  "'203.0.113.7') - Deadlock found when trying to get lock; try restarting transaction";

describe('redact', () => {
  it('takes every quoted value out of a SQL statement and keeps its shape', () => {
    const out = redact(DRIVER_ERROR);
    expect(out).not.toMatch(/Juan|dela Cruz|9171234567|Ayala|203\.0\.113\.7|0193a1b2/);
    expect(out).toContain('insert into `orders` (`customer_id`, `shipping_address`, `client_ip`) values (');
    expect(out).toContain('Deadlock found when trying to get lock');
  });

  it('takes out a value whose closing quote the driver cut off', () => {
    expect(redact("values ('Maria Clara', '{\"recipientName\":\"Juan dela")).not.toMatch(/Maria|Juan/);
  });

  it('takes out values quoted the SQLite way, with doubled quotes', () => {
    expect(redact("values ('O''Brien Street', 'x')")).toBe("values ('…', '…')");
  });

  it.each(['09171234567', '+639171234567', '639171234567', '0917 123 4567', '+63 917 123 4567', 'maria.clara+shop@example.ph'])(
    'takes out %p outside quotes',
    (personal) => {
      expect(redact(`SMS to ${personal} failed: 550 mailbox unavailable`)).not.toContain(personal);
    },
  );

  it('cuts long text to the length it is given', () => {
    expect(redact('x'.repeat(5000), 100)).toHaveLength(101);
  });
});

describe('redactPersonal', () => {
  it('keeps quoted words and ids, taking out only e-mail addresses and phone numbers', () => {
    expect(redactPersonal('The email notification "confirmed" to maria@example.ph for order 0193a1b2-c3d4 failed; SMS to 09171234567 too')).toBe(
      'The email notification "confirmed" to [email] for order 0193a1b2-c3d4 failed; SMS to [phone] too',
    );
  });
});

describe('looksInternal', () => {
  it.each([
    DRIVER_ERROR,
    'update `customers` set `total_spent_centavos` = 5 where `id` = 1',
    "select * from `orders` where `id` = 'x' - Lock wait timeout exceeded",
    'Error: ER_DUP_ENTRY: Duplicate entry',
    'SqliteError: SQLITE_BUSY: database is locked',
    'TypeError: x is undefined\n    at applyEffects (/app/activities/transition-order.ts:83:12)',
    'connect ECONNREFUSED 10.0.4.17:3306',
    'getaddrinfo ENOTFOUND mysql.internal',
    'connection to mysql.prod.internal:3306 lost',
  ])('flags %p', (text) => {
    expect(looksInternal(text)).toBe(true);
  });

  it.each([
    'confirm failed for good',
    'Released the stock of order 0193a1b2-c3d4 (pending): reservation expired; order workflow not found',
    'The sms notification "shipped" failed after 5 attempts: provider answered 502',
    'Reservation expired at 2026-11-30T13:32:09.441Z',
    'Select a product from the list',
  ])('lets %p through', (text) => {
    expect(looksInternal(text)).toBe(false);
  });
});

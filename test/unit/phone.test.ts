import { normalizePhilippineMobile } from '../../domain/phone';

describe('normalizePhilippineMobile', () => {
  it.each(['09171234567', '+639171234567', '639171234567'])('accepts %s and stores it as +639171234567', (raw) => {
    expect(normalizePhilippineMobile(raw)).toEqual({ ok: true, e164: '+639171234567' });
  });

  it.each(['0917 123 4567', '0917-123-4567', '+63 917 123 4567', ' 09171234567 '])(
    'tolerates spaces and dashes between digit groups in %p',
    (raw) => {
      expect(normalizePhilippineMobile(raw)).toEqual({ ok: true, e164: '+639171234567' });
    },
  );

  it.each(['09181234567', '09991234567', '09661234567', '09951234567'])('accepts the allocated mobile prefix of %s', (raw) => {
    expect(normalizePhilippineMobile(raw).ok).toBe(true);
  });

  it.each(['09001234567', '09011234567', '09131234567', '09401234567'])(
    'rejects %s, whose 09XX prefix is not allocated to mobile networks',
    (raw) => {
      expect(normalizePhilippineMobile(raw)).toEqual({ ok: false });
    },
  );

  it.each(['0281234567', '+63 2 8123 4567', '(02) 8123 4567'])('rejects the Metro Manila landline %p', (raw) => {
    expect(normalizePhilippineMobile(raw)).toEqual({ ok: false });
  });

  it.each([
    ['written without the leading 0', '9171234567'],
    ['written with a 00 international prefix', '0063 917 123 4567'],
    ['with a digit too many', '091712345678'],
    ['with a digit too few', '0917123456'],
    ['with a letter in it', '0917123456a'],
    ['written with parentheses', '(0917) 123 4567'],
    ['written with doubled separators', '0917--123-4567'],
    ['written with a trunk 0 after +63', '+6309171234567'],
    ['from another country', '+14155550123'],
    ['that is empty', ''],
  ])('rejects a number %s', (_, raw) => {
    expect(normalizePhilippineMobile(raw)).toEqual({ ok: false });
  });
});

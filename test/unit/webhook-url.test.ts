import { isPrivateAddress, webhookUrlProblem } from '../../lib/webhook-url';

describe('where webhooks may be sent', () => {
  it('takes loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses as private, in IPv4 and IPv6', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect({ ip, private: isPrivateAddress(ip) }).toEqual({ ip, private: true });
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '203.124.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect({ ip, private: isPrivateAddress(ip) }).toEqual({ ip, private: false });
    }
  });

  it('accepts public http and https URLs and refuses other schemes, private addresses and local names', () => {
    expect(webhookUrlProblem('https://erp.shop.example.ph/orderly', false)).toBeNull();
    expect(webhookUrlProblem('http://203.124.1.1:8080/hooks', false)).toBeNull();
    expect(webhookUrlProblem('ftp://shop.example.ph/', false)).toMatch(/only http and https/);
    expect(webhookUrlProblem('not a url', false)).toBe('not a URL');
    for (const url of ['http://127.0.0.1/', 'http://[::1]:3000/', 'http://localhost:8080/', 'http://metadata.google.internal/', 'http://printer.local/', 'http://db:3306/', 'http://169.254.169.254/latest/meta-data']) {
      expect({ url, problem: webhookUrlProblem(url, false) }).toEqual({ url, problem: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE_URLS') });
    }
  });

  it('accepts private addresses when WEBHOOK_ALLOW_PRIVATE_URLS is set, but still only http and https', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hooks', true)).toBeNull();
    expect(webhookUrlProblem('file:///etc/passwd', true)).toMatch(/only http and https/);
  });
});

import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './webhooks.service.js';

describe('webhook addresses in production', () => {
  it('refuses loopback, private, link-local and shared addresses, and lets public ones through', () => {
    for (const a of ['127.0.0.1', 'localhost', 'api.localhost', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', '[::1]', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '192.169.0.1', 'example.gov.cn', '2001:db8::1', '100.128.0.1'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});

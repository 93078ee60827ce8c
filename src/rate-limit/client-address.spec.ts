import { clientAddressKey } from './client-address.js';

describe('clientAddressKey', () => {
  // Each expected key is what @nestjs/throttler 6.7's normalizeIp answered, which counted addresses before.
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:C000:0201', '192.0.2.1'],
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd:12::/64'],
    ['2001:db8:abcd:0012:ffff:ffff:ffff:ffff', '2001:db8:abcd:12::/64'],
    ['2001:DB8::1', '2001:db8::/64'],
    ['2001:db8:0:0:1::1', '2001:db8::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    ['2001:db8:1:2::', '2001:db8:1:2::/64'],
    ['1:0:0:2::', '1:0:0:2::/64'],
    ['2001:0:0:1::9', '2001:0:0:1::/64'],
    ['0:0:0:0:1::', '::/64'],
    ['::', '::/64'],
    ['not-an-ip', 'not-an-ip'],
  ])('counts %s as %s', (ip, key) => {
    expect(clientAddressKey(ip)).toBe(key);
  });

  it('gives every address of one /64 the same key, and another /64 another', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2:ffff::', '2001:db8:1:2:a:b:c:d'].map(clientAddressKey);
    expect(new Set(keys).size).toBe(1);
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(keys[0]);
  });
});

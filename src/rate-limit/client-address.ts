import { isIP } from 'node:net';

/**
 * The key the per-address limit counts a client under: an IPv4 address as it is, an IPv6 address grouped by
 * its /64 (one host usually holds a whole /64, so counting single addresses would let it rotate through
 * them), the IPv6 loopback as `::1`, an IPv4-mapped IPv6 address as the IPv4 address, a zone index dropped.
 * Keys are the ones @nestjs/throttler's `normalizeIp` gave, which counted them before, so counters kept
 * in Redis carry over an upgrade.
 */
export function clientAddressKey(ip: string): string {
  const zone = ip.indexOf('%');
  const bare = zone === -1 ? ip : ip.slice(0, zone);
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return ip;
  const hextets = ipv6Hextets(bare.toLowerCase());
  if (hextets.slice(0, 7).every((h) => h === 0) && hextets[7] === 1) return '::1';
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    return [hextets[6] >> 8, hextets[6] & 0xff, hextets[7] >> 8, hextets[7] & 0xff].join('.');
  }
  return `${formatIpv6([...hextets.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** The eight 16-bit groups of an address `isIP` accepted as IPv6 (a trailing dotted IPv4 part included). */
function ipv6Hextets(address: string): number[] {
  let head = address;
  const lastColon = head.lastIndexOf(':');
  const tail = head.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number);
    head = `${head.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = head.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const fill = right === undefined ? [] : new Array<string>(8 - groups(left).length - groups(right).length).fill('0');
  return [...groups(left), ...fill, ...groups(right)].map((group) => parseInt(group, 16));
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups (the first of equal ones) as `::`. */
function formatIpv6(hextets: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  let runStart = -1;
  for (let index = 0; index < hextets.length; index++) {
    if (hextets[index] !== 0) {
      runStart = -1;
      continue;
    }
    if (runStart === -1) runStart = index;
    if (index - runStart + 1 > bestLength) {
      bestStart = runStart;
      bestLength = index - runStart + 1;
    }
  }
  const text = hextets.map((hextet) => hextet.toString(16));
  if (bestLength < 2) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLength).join(':')}`;
}

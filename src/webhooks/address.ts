import { BlockList, isIP } from 'node:net'

/**
 * Addresses inside the server's own networks: loopback, private (RFC 1918, unique-local), link-local
 * (cloud metadata services answer at 169.254.169.254), carrier-grade NAT, multicast and reserved.
 * Webhooks refuse them unless WEBHOOKS_ALLOW_PRIVATE is set (decision 0027): a member must not be
 * able to make the server POST to what only the server can reach.
 */
const INTERNAL = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 127], // :: and ::1
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96], // NAT64 of any IPv4 address, internal ones included
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6')

/** Whether `address` (an IPv4 or IPv6 literal) is internal; an IPv4-mapped IPv6 address counts as its IPv4. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  if (family === 0) return false
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** A URL's host as an IP literal (without IPv6 brackets), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '')
  return isIP(bare) ? bare : null
}

// A small seeded PRNG, so one seed always yields the same corpus. Math.random can't be seeded.

/** A source of uniform numbers in [0, 1). */
export type Random = () => number

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, period of at
 * least 2^32, fast in plain 32-bit integer arithmetic. A hash of the seed fills the state.
 */
export function createRandom(seed: number): Random {
  const state = new Int32Array(4)
  for (let i = 0; i < state.length; i++) state[i] = hashInt(i, seed)
  // The first outputs still echo the seed's bits; sfc32's author discards a dozen.
  for (let i = 0; i < 12; i++) nextSfc32(state)
  // Returned unnamed: tsx would wrap a named closure in a naming helper, once per paper.
  return () => nextSfc32(state)
}

function nextSfc32(state: Int32Array): number {
  const a = state[0]!
  const b = state[1]!
  const c = state[2]!
  const d = state[3]!
  const t = (a + b + d) | 0
  state[0] = b ^ (b >>> 9)
  state[1] = c + (c << 3)
  state[2] = ((c << 21) | (c >>> 11)) + t
  state[3] = d + 1
  return (t >>> 0) / 4294967296
}

export function pickIndex(random: Random, length: number): number {
  return Math.floor(random() * length)
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[pickIndex(random, items.length)]!
}

/** An index drawn with probability proportional to its weight. */
export function pickWeighted(random: Random, weights: readonly number[]): number {
  let total = 0
  for (const weight of weights) total += weight
  let target = random() * total
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!
    if (target < 0) return i
  }
  return weights.length - 1
}

/** A 32-bit integer hash (murmur3's finaliser): a fixed pseudo-random function of `n`. */
export function hashInt(n: number, salt: number): number {
  let h = Math.imul(n ^ salt, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * A display name split for reference managers: the last word as the family name, the rest as given
 * names, keeping lower-case particles with the family ("Ludwig van Beethoven" → van Beethoven,
 * Ludwig). A single word, or a name in a script without spaces, stays whole (`literal`).
 */
export function splitName(name: string): { family: string; given: string } | { literal: string } {
  const words = name.trim().split(/\s+/)
  if (words.length < 2) return { literal: name.trim() }
  let cut = words.length - 1
  while (cut > 1 && /^(van|von|der|den|de|del|della|di|da|du|la|le|ten|ter|dos|das|bin|al)$/.test(words[cut - 1]!))
    cut--
  return { family: words.slice(cut).join(' '), given: words.slice(0, cut).join(' ') }
}

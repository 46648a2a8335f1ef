/**
 * A ParsedQuery → an FTS5 MATCH expression. Every token goes in as a quoted string, so nothing a
 * user typed is ever read as FTS5 syntax: the operators, column filters and parentheses here are
 * all ours (docs/decisions/0016-search.md).
 */
import type { Atom, Field, ParsedQuery } from '../model.js'

/** The FTS5 columns of the index, in order: bm25's weights follow this order. */
export const COLUMNS = ['title', 'authors', 'abstract', 'categories'] as const

/**
 * More atoms than anyone types, fewer than FTS5's expression depth limit (256): the rest of a
 * very long query is left out rather than refused.
 */
export const MAX_ATOMS = 64

const COLUMNS_OF: Record<Field, string> = {
  all: '{title authors abstract}',
  title: '{title}',
  author: '{authors}',
  abstract: '{abstract}',
}

/** The query's atoms, cut to MAX_ATOMS in reading order, with the atoms that hold no token left out. */
export function boundedQuery(query: ParsedQuery): ParsedQuery {
  let left = MAX_ATOMS
  const take = (atoms: Atom[]) => atoms.filter((a) => a.tokens.some((t) => t.length > 0)).filter(() => left-- > 0)
  const groups = query.groups.map(take).filter((g) => g.length > 0)
  return { ...query, groups, excluded: take(query.excluded) }
}

/** `"tok"`, with a quote inside doubled as FTS5 strings escape it (our tokens never hold one). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** One atom: its column filter and its quoted word, prefix or phrase. */
export function atomExpression(atom: Atom): string {
  const tokens = atom.tokens.filter((t) => t.length > 0)
  return `${COLUMNS_OF[atom.field]} : ${quoted(tokens.join(' '))}${atom.prefix ? '*' : ''}`
}

/** Any of the categories (lowercased, as indexed: `cs.lg` or the archive `cs`). */
export function categoriesExpression(categories: readonly string[]): string {
  return `{categories} : (${categories.map((c) => quoted(c.toLowerCase())).join(' OR ')})`
}

/** The positive part: every group (an OR of atoms) ANDed, then the category filter. */
export function positiveExpression(groups: readonly Atom[][], categories: readonly string[]): string | null {
  const parts = groups.map((g) => `(${g.map(atomExpression).join(' OR ')})`)
  if (categories.length > 0) parts.push(`(${categoriesExpression(categories)})`)
  return parts.length > 0 ? parts.join(' AND ') : null
}

/** Matches a paper holding any of the excluded atoms. */
export function excludedExpression(excluded: readonly Atom[]): string | null {
  return excluded.length > 0 ? excluded.map(atomExpression).join(' OR ') : null
}

/** The whole MATCH expression, or null when nothing positive is asked (a listing, not a search). */
export function matchExpression(
  groups: readonly Atom[][],
  excluded: readonly Atom[],
  categories: readonly string[],
): string | null {
  const positive = positiveExpression(groups, categories)
  if (!positive) return null
  const not = excludedExpression(excluded)
  return not ? `(${positive}) NOT (${not})` : positive
}

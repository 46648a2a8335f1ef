/**
 * Truncated SVD of a sparse matrix by the randomized range finder of Halko, Martinsson and Tropp
 * (2011, algorithm 4.4 with power iterations), in plain Float32Arrays: the catalog's LSA model
 * (docs/decisions/0018-search-by-meaning.md). Only the right singular vectors are kept: they map a
 * term vector into the reduced space, for papers and queries alike.
 */

/** A sparse matrix by rows (CSR): row r holds `values[rowStart[r]..rowStart[r+1]]` at `columns`. */
export interface SparseRows {
  rows: number
  columns: number
  rowStart: Uint32Array
  columnIndex: Uint32Array
  values: Float32Array
}

/** A dense matrix, row-major. */
export interface Dense {
  rows: number
  columns: number
  data: Float32Array
}

export interface TruncatedSvd {
  /** Singular values, largest first. */
  values: Float64Array
  /** The right singular vectors as columns: `columns × k`, row-major. */
  right: Dense
}

/** Extra random directions beyond k: they make the leading k accurate (Halko et al. §4.2). */
const OVERSAMPLING = 10
/**
 * Power iterations sharpen a slowly decaying spectrum, as text's is (§4.5); one already takes
 * most of the gain, and each costs two passes over the matrix.
 */
const POWER_ITERATIONS = 1

export function truncatedSvd(a: SparseRows, k: number, random: () => number): TruncatedSvd {
  const l = Math.min(k + OVERSAMPLING, a.rows, a.columns)
  // Y = A Ω, then (A Aᵀ)^q Y, orthonormalized between products so that it does not collapse onto
  // the top singular vector.
  let y = multiply(a, gaussian(a.columns, l, random))
  orthonormalize(y)
  for (let i = 0; i < POWER_ITERATIONS; i++) {
    const z = multiplyTransposed(a, y)
    orthonormalize(z)
    y = multiply(a, z)
    orthonormalize(y)
  }
  // B = Qᵀ A is l × columns; its SVD gives A's: B Bᵀ = U_B Σ² U_Bᵀ, and V = Bᵀ U_B Σ⁻¹.
  const bt = multiplyTransposed(a, y) // Bᵀ, columns × l
  const { values: eigen, vectors } = symmetricEigen(gram(bt))
  const kept = Math.min(k, l)
  const values = new Float64Array(kept)
  const right: Dense = { rows: a.columns, columns: kept, data: new Float32Array(a.columns * kept) }
  for (let j = 0; j < kept; j++) {
    const sigma = Math.sqrt(Math.max(eigen[j]!, 0))
    values[j] = sigma
    if (sigma === 0) continue
    for (let r = 0; r < bt.rows; r++) {
      let sum = 0
      for (let c = 0; c < l; c++) sum += bt.data[r * l + c]! * vectors[c * l + j]!
      right.data[r * kept + j] = sum / sigma
    }
  }
  return { values, right }
}

/** A · M for sparse A (rows × n) and dense M (n × l). */
export function multiply(a: SparseRows, m: Dense): Dense {
  const l = m.columns
  const md = m.data
  const out = new Float32Array(a.rows * l)
  for (let r = 0; r < a.rows; r++) {
    const base = r * l
    for (let p = a.rowStart[r]!; p < a.rowStart[r + 1]!; p++) {
      const v = a.values[p]!
      const from = a.columnIndex[p]! * l
      for (let c = 0; c < l; c++) out[base + c]! += v * md[from + c]!
    }
  }
  return { rows: a.rows, columns: l, data: out }
}

/** Aᵀ · M for sparse A (rows × n) and dense M (rows × l). */
export function multiplyTransposed(a: SparseRows, m: Dense): Dense {
  const l = m.columns
  const md = m.data
  const out = new Float32Array(a.columns * l)
  for (let r = 0; r < a.rows; r++) {
    const from = r * l
    for (let p = a.rowStart[r]!; p < a.rowStart[r + 1]!; p++) {
      const v = a.values[p]!
      const base = a.columnIndex[p]! * l
      for (let c = 0; c < l; c++) out[base + c]! += v * md[from + c]!
    }
  }
  return { rows: a.columns, columns: l, data: out }
}

/** Modified Gram–Schmidt on the columns, in place, in float64. */
export function orthonormalize(m: Dense): void {
  const { rows, columns: l, data } = m
  // Column-major float64 copies: the inner loops then run over contiguous memory.
  const columns = Array.from({ length: l }, (_, j) => {
    const column = new Float64Array(rows)
    for (let r = 0; r < rows; r++) column[r] = data[r * l + j]!
    return column
  })
  for (let j = 0; j < l; j++) {
    const column = columns[j]!
    for (let i = 0; i < j; i++) {
      const other = columns[i]!
      let dot = 0
      for (let r = 0; r < rows; r++) dot += column[r]! * other[r]!
      for (let r = 0; r < rows; r++) column[r]! -= dot * other[r]!
    }
    let norm = 0
    for (let r = 0; r < rows; r++) norm += column[r]! * column[r]!
    norm = Math.sqrt(norm)
    // A column with nothing left (a rank-deficient matrix) stays zero rather than noise.
    const scale = norm > 1e-10 ? 1 / norm : 0
    for (let r = 0; r < rows; r++) column[r]! *= scale
  }
  for (let j = 0; j < l; j++) {
    const column = columns[j]!
    for (let r = 0; r < rows; r++) data[r * l + j] = column[r]!
  }
}

/** Mᵀ M for dense M (n × l): l × l, in float64. */
function gram(m: Dense): Float64Array {
  const l = m.columns
  const out = new Float64Array(l * l)
  for (let r = 0; r < m.rows; r++) {
    const base = r * l
    for (let i = 0; i < l; i++) {
      const v = m.data[base + i]!
      if (v === 0) continue
      for (let j = i; j < l; j++) out[i * l + j]! += v * m.data[base + j]!
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) out[i * l + j] = out[j * l + i]!
  return out
}

/**
 * Eigenvalues (largest first) and eigenvectors (as columns, row-major l × l) of a symmetric
 * matrix, by cyclic Jacobi rotations: exact to float64 and plenty fast for l of a few hundred.
 */
export function symmetricEigen(input: Float64Array): { values: Float64Array; vectors: Float64Array } {
  const l = Math.round(Math.sqrt(input.length))
  const a = Float64Array.from(input)
  const v = new Float64Array(l * l)
  for (let i = 0; i < l; i++) v[i * l + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) off += a[i * l + j]! ** 2
    if (off < 1e-22) break
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!
          const akq = a[k * l + q]!
          a[k * l + p] = c * akp - s * akq
          a[k * l + q] = s * akp + c * akq
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!
          const aqk = a[q * l + k]!
          a[p * l + k] = c * apk - s * aqk
          a[q * l + k] = s * apk + c * aqk
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!
          const vkq = v[k * l + q]!
          v[k * l + p] = c * vkp - s * vkq
          v[k * l + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = [...Array(l).keys()].sort((x, y) => a[y * l + y]! - a[x * l + x]!)
  const values = Float64Array.from(order, (i) => a[i * l + i]!)
  const vectors = new Float64Array(l * l)
  for (let r = 0; r < l; r++) for (let c = 0; c < l; c++) vectors[r * l + c] = v[r * l + order[c]!]!
  return { values, vectors }
}

/** Standard normal entries (Box–Muller) from a uniform source. */
function gaussian(rows: number, columns: number, random: () => number): Dense {
  const data = new Float32Array(rows * columns)
  for (let i = 0; i < data.length; i += 2) {
    const u = 1 - random()
    const w = random()
    const r = Math.sqrt(-2 * Math.log(u))
    data[i] = r * Math.cos(2 * Math.PI * w)
    if (i + 1 < data.length) data[i + 1] = r * Math.sin(2 * Math.PI * w)
  }
  return { rows, columns, data }
}

import { describe, expect, it } from 'vitest'
import { seededRandom } from './seeded-random.js'
import { type SparseRows, symmetricEigen, truncatedSvd } from './svd.js'

/** A dense row-major matrix as sparse rows, zeros left out. */
function sparse(rows: number[][]): SparseRows {
  const rowStart: number[] = [0]
  const columnIndex: number[] = []
  const values: number[] = []
  for (const row of rows) {
    row.forEach((v, c) => {
      if (v !== 0) {
        columnIndex.push(c)
        values.push(v)
      }
    })
    rowStart.push(values.length)
  }
  return {
    rows: rows.length,
    columns: rows[0]!.length,
    rowStart: Uint32Array.from(rowStart),
    columnIndex: Uint32Array.from(columnIndex),
    values: Float32Array.from(values),
  }
}

describe('symmetric eigendecomposition', () => {
  it('finds the eigenvalues of a known matrix, largest first', () => {
    // [[2,1],[1,2]] has eigenvalues 3 and 1, eigenvectors (1,1)/√2 and (1,-1)/√2.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]))
    expect(values[0]).toBeCloseTo(3, 10)
    expect(values[1]).toBeCloseTo(1, 10)
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 10)
    expect(vectors[0]! * vectors[2]!).toBeGreaterThan(0) // (1,1) direction: same signs
  })
})

describe('truncated SVD', () => {
  it('recovers the singular values of a diagonal matrix', () => {
    const a = sparse([
      [5, 0, 0, 0],
      [0, 3, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ])
    const { values, right } = truncatedSvd(a, 2, seededRandom(1))
    expect(values[0]).toBeCloseTo(5, 4)
    expect(values[1]).toBeCloseTo(3, 4)
    // The first right singular vector is ±e1, the second ±e2.
    expect(Math.abs(right.data[0 * 2 + 0]!)).toBeCloseTo(1, 4)
    expect(Math.abs(right.data[1 * 2 + 1]!)).toBeCloseTo(1, 4)
    expect(Math.abs(right.data[2 * 2 + 0]!)).toBeCloseTo(0, 4)
  })

  it('matches the exact singular values of a small dense matrix', () => {
    // A = [[3,2,2],[2,3,-2]]: singular values 5 and 3 (Strang's example).
    const { values, right } = truncatedSvd(
      sparse([
        [3, 2, 2],
        [2, 3, -2],
      ]),
      2,
      seededRandom(3),
    )
    expect(values[0]).toBeCloseTo(5, 4)
    expect(values[1]).toBeCloseTo(3, 4)
    // v1 = (1,1,0)/√2 up to sign.
    expect(Math.abs(right.data[0]!)).toBeCloseTo(Math.SQRT1_2, 4)
    expect(Math.abs(right.data[2]!)).toBeCloseTo(Math.SQRT1_2, 4)
    expect(Math.abs(right.data[4]!)).toBeCloseTo(0, 4)
  })

  it('gives orthonormal right singular vectors on a random low-rank matrix', () => {
    const random = seededRandom(9)
    const u = Array.from({ length: 40 }, () => [random(), random(), random()])
    const v = Array.from({ length: 3 }, () => Array.from({ length: 25 }, () => random()))
    const a = u.map((row) => v[0]!.map((_, c) => row.reduce((s, x, k) => s + x * v[k]![c]!, 0)))
    const { values, right } = truncatedSvd(sparse(a), 4, seededRandom(2))
    expect(values[3]).toBeCloseTo(0, 3) // rank 3
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let dot = 0
        for (let r = 0; r < 25; r++) dot += right.data[r * 4 + i]! * right.data[r * 4 + j]!
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 4)
      }
    }
  })
})

/**
 * Vectors kept as int8: a 128-dimension paper vector takes 128 bytes instead of 512, and cosine
 * similarity survives the rounding to within about a percent (each component keeps 8 bits of its
 * vector's largest).
 */

/** A vector's direction in int8: scaled so its largest component is ±127. */
export function quantize(v: Float32Array): Int8Array {
  let max = 0
  for (const x of v) max = Math.max(max, Math.abs(x))
  const out = new Int8Array(v.length)
  if (max === 0) return out
  const scale = 127 / max
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]! * scale)
  return out
}

/** Cosine similarity of two quantized vectors; 0 when either is all zeros. */
export function cosineInt8(a: Int8Array, b: Int8Array): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** The bytes stored for a vector (a BLOB or bytea), and back. */
export function vectorBytes(v: Int8Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength)
}

export function vectorFromBytes(bytes: Uint8Array): Int8Array {
  return new Int8Array(Uint8Array.from(bytes).buffer)
}

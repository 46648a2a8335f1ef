/** What an image's own bytes say it is: its media type and pixel size. */
export interface ImageInfo {
  type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'
  width: number
  height: number
}

/**
 * Reads the type and size from an image's header, so a stored thumbnail is known to be the image
 * its Content-Type claims (a server may label an HTML error page image/png). Null for anything
 * else, including SVG, which may carry scripts.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return sized('image/png', b.readUInt32BE(16), b.readUInt32BE(20))
  }
  if (b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8') {
    return sized('image/gif', b.readUInt16LE(6), b.readUInt16LE(8))
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return webpInfo(b)
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegInfo(b)
  return null
}

function sized(type: ImageInfo['type'], width: number, height: number): ImageInfo | null {
  return width > 0 && height > 0 ? { type, width, height } : null
}

function webpInfo(b: Buffer): ImageInfo | null {
  const chunk = b.toString('latin1', 12, 16)
  if (chunk === 'VP8 ') return sized('image/webp', b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21)
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return sized('image/webp', b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1)
  return null
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegInfo(b: Buffer): ImageInfo | null {
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1]!
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) return sized('image/jpeg', b.readUInt16BE(at + 7), b.readUInt16BE(at + 5))
    at += 2 + b.readUInt16BE(at + 2)
  }
  return null
}

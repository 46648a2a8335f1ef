import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { sniffImage } from './image-type.js'

describe('reading an image header', () => {
  it('reads a PNG', () => {
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="36"/>').render().asPng()
    expect(sniffImage(png)).toEqual({ type: 'image/png', width: 64, height: 36 })
  })

  it('reads a JPEG past its APP segments to the frame', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, 0x00, 0xb4, 0x01, 0x40, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]
    expect(sniffImage(Buffer.from([0xff, 0xd8, ...app0, ...sof0]))).toEqual({
      type: 'image/jpeg',
      width: 320,
      height: 180,
    })
  })

  it('reads a GIF and a lossy WebP', () => {
    const gif = Buffer.from([...Buffer.from('GIF89a'), 0x40, 0x01, 0xb4, 0x00, 0, 0, 0])
    expect(sniffImage(gif)).toEqual({ type: 'image/gif', width: 320, height: 180 })
    const webp = Buffer.alloc(30)
    webp.write('RIFF', 0, 'latin1')
    webp.write('WEBPVP8 ', 8, 'latin1')
    webp.writeUInt16LE(320, 26)
    webp.writeUInt16LE(180, 28)
    expect(sniffImage(webp)).toEqual({ type: 'image/webp', width: 320, height: 180 })
  })

  it('refuses HTML, SVG, truncated headers and empty bodies', () => {
    for (const body of ['<html></html>', '<svg xmlns="http://www.w3.org/2000/svg"/>', '\x89PNG', '']) {
      expect(sniffImage(Buffer.from(body, 'latin1')), JSON.stringify(body)).toBeNull()
    }
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull()
  })
})

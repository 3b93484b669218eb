// An opaque 8-bit grey or RGB PNG goes into a PDF as its own compressed stream; any other
// PNG is left to pdfkit, which decodes it.
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { pngStream } from '../../src/vendor/png-stream.js';

const raw = (channels: 1 | 2 | 3 | 4) => sharp(Buffer.alloc(7 * 5 * channels, 200), { raw: { width: 7, height: 5, channels } });

describe('a PNG taken as a PDF image stream', () => {
  it('is the filtered scanlines of an RGB PNG: a filter byte and 3 bytes a pixel, each row', async () => {
    const s = pngStream(await raw(3).png().toBuffer());
    assert.ok(s);
    assert.deepEqual([s.width, s.height, s.colors], [7, 5, 3]);
    assert.equal(inflateSync(s.data).length, 5 * (1 + 7 * 3));
  });

  it('takes a grey PNG with one colour', async () => {
    const s = pngStream(await raw(1).toColourspace('b-w').png().toBuffer());
    assert.deepEqual([s?.width, s?.height, s?.colors], [7, 5, 1]);
  });

  it('leaves to pdfkit a PNG with alpha, with a palette, or of 16 bits', async () => {
    assert.equal(pngStream(await raw(4).png().toBuffer()), undefined);
    assert.equal(pngStream(await raw(2).png().toBuffer()), undefined);
    assert.equal(pngStream(await raw(3).png({ palette: true }).toBuffer()), undefined);
    assert.equal(pngStream(await raw(3).toColourspace('rgb16').png().toBuffer()), undefined);
  });

  it('says when a PNG carries a colour profile, which a plain RGB image would ignore', async () => {
    assert.equal(pngStream(await raw(3).png().toBuffer())?.colorManaged, false);
    assert.equal(pngStream(await raw(3).withIccProfile('p3').png().toBuffer())?.colorManaged, true);
  });

  it('leaves alone what is not a whole PNG', async () => {
    const png = await raw(3).png().toBuffer();
    assert.equal(pngStream(png.subarray(0, 40)), undefined);
    assert.equal(pngStream(Buffer.from('not a png at all, not even close to one')), undefined);
  });
});

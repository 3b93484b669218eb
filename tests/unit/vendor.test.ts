// The libraries whose internals Pressroom reaches (src/vendor/): an upgrade that changes
// them fails here, by name, rather than in a PDF that comes out subtly wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearMemos, memo, memoSizes } from '../../src/cache/memos.js';
import { BUNDLED_FONTS } from '../../src/settings/fonts.js';
import { checkFontkit, FONTKIT_WRITTEN_FOR, openFont } from '../../src/vendor/fontkit.js';
import { packageVersion } from '../../src/vendor/package-version.js';
import { checkPdfkit, PDFKIT_WRITTEN_FOR } from '../../src/vendor/pdfkit.js';

describe('vendor fences', () => {
  it(`pdfkit is ${PDFKIT_WRITTEN_FOR}.x and has every private member src/vendor/pdfkit.ts uses`, () => {
    assert.ok(packageVersion('pdfkit').startsWith(`${PDFKIT_WRITTEN_FOR}.`), `installed pdfkit ${packageVersion('pdfkit')}`);
    assert.doesNotThrow(() => checkPdfkit(BUNDLED_FONTS.body.regular));
  });

  it(`fontkit is ${FONTKIT_WRITTEN_FOR}.x and a glyph asked for with its code points keeps them`, () => {
    assert.ok(packageVersion('fontkit').startsWith(`${FONTKIT_WRITTEN_FOR}.`), `installed fontkit ${packageVersion('fontkit')}`);
    assert.doesNotThrow(() => checkFontkit(BUNDLED_FONTS.body.regular));
  });

  it('reads the version of a package that does not export its package.json (pdfkit)', () => {
    assert.match(packageVersion('pdfkit'), /^\d+\.\d+\.\d+/);
  });
});

describe('process-wide memos', () => {
  it('are all emptied by clearMemos, and fill again on use', () => {
    openFont(BUNDLED_FONTS.body.regular);
    assert.ok(memoSizes()['fontkit/opened'] >= 1);
    clearMemos();
    assert.ok(
      Object.values(memoSizes()).every((n) => n === 0),
      JSON.stringify(memoSizes()),
    );
    const again = openFont(BUNDLED_FONTS.body.regular);
    assert.equal(openFont(BUNDLED_FONTS.body.regular), again);
    assert.equal(memoSizes()['fontkit/opened'], 1);
  });

  it('refuses a second memo under a name already taken', () => {
    assert.throws(() => memo('fontkit/opened'), /made twice/);
  });
});

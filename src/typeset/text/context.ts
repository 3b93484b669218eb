// What every typesetting step shares during one build: fonts, the type scale, the line
// breaker, where warnings go and how link URLs resolve.
import type { Trial } from '../../diagnostics/trial.js';
import type { LineBreaker } from './break-lines.js';
import type { Fonts } from './fonts.js';
import type { LinkTarget } from '../../pages/page.js';
import type { TypeScale } from '../../settings/type-scale.js';

export interface TypesetContext {
  fonts: Fonts;
  scale: TypeScale;
  breaker: LineBreaker;
  /** Where warnings go: held while a layout is only tried (`given`: keys of warnings reported once per file). */
  diagnostics: Trial;
  /** A link's URL as a target (`#id` of a known destination goes inside the PDF); none: plain text. */
  linkTarget(url: string): LinkTarget | undefined;
}

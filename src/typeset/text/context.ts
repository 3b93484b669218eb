// What every typesetting step shares during one build: fonts, the type scale, the line
// breaker, the warnings collected so far and how link URLs resolve.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LineBreaker } from './break-lines.js';
import type { Fonts } from './fonts.js';
import type { LinkTarget } from '../../pages/page.js';
import type { TypeScale } from '../../settings/type-scale.js';

export interface TypesetContext {
  fonts: Fonts;
  scale: TypeScale;
  breaker: LineBreaker;
  warnings: Diagnostic[];
  /** Keys of warnings already given, so one missing glyph is reported once per file. */
  warned: Set<string>;
  /** A link's URL as a target (`#id` of a known destination goes inside the PDF); none: plain text. */
  linkTarget(url: string): LinkTarget | undefined;
}

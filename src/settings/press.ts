// Settings of the press-ready PDF: the types the manifest fills, the PDF writer draws with and
// the preflight checks against, and their defaults. Lengths in points.

export const PRESS_COLORS = ['gray', 'cmyk'] as const;
export type PressColor = (typeof PRESS_COLORS)[number];

/** Registered printing conditions an output intent may name. */
export const OUTPUT_INTENTS = ['CGATS TR 001', 'FOGRA39', 'FOGRA51', 'GRACoL2013'] as const;
export type OutputIntent = (typeof OUTPUT_INTENTS)[number];

export interface PressSettings {
  bleed: number;
  marks: boolean;
  color: PressColor;
  pageMultiple: number;
  outputIntent: OutputIntent;
}

/** An eighth of an inch of bleed, crop marks, one-colour, saddle-stitched. */
export const PRESS_DEFAULTS: PressSettings = { bleed: 9, marks: true, color: 'gray', pageMultiple: 4, outputIntent: 'CGATS TR 001' };

/** Impositions `--impose` can ask for: `saddle`, printer's spreads for a saddle-stitched proof. */
export const IMPOSITIONS = ['saddle'] as const;
export type Imposition = (typeof IMPOSITIONS)[number];

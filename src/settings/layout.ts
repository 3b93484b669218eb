import { createRequire } from 'node:module';
import path from 'node:path';

// Layouts are data: page size, margins, columns and type sizes are values the page
// builder reads, never code paths. A preset is a named set of these values.

/** Lengths are in PostScript points (1/72 in). */
export interface FontSet {
  regular: string;
  italic: string;
  bold: string;
  boldItalic: string;
}

export interface Layout {
  pageWidth: number;
  pageHeight: number;
  margins: { top: number; bottom: number; inside: number; outside: number };
  columns: number;
  gutter: number;
  /** Body text size and baseline-to-baseline distance. */
  size: number;
  leading: number;
  /** Absolute paths of font files. */
  fonts: { body: FontSet; heading: FontSet; mono: FontSet };
  /** An article starts under the one before when the page has room (a newspaper), not on a new page. */
  runOn: boolean;
  /** Display sizes as multiples of the body size; when absent, they grow with the measure (`headlineSizes`). */
  headlines?: Headlines;
}

export interface Headlines {
  /** An article's title, its deck, and a second-level heading. */
  title: number;
  deck: number;
  heading: number;
}

const MAGAZINE_HEADLINES: Headlines = { title: 2.6, deck: 1.3, heading: 1.35 };

/**
 * The layout's headline sizes: its own, or the magazine's scaled with the width of the
 * text block in ems (a wider page takes larger headlines; the magazine's is ~49 ems).
 */
export function headlineSizes(layout: Layout): Headlines {
  if (layout.headlines) return layout.headlines;
  const ems = (layout.pageWidth - layout.margins.inside - layout.margins.outside) / layout.size;
  const k = Math.min(1.8, Math.max(1, ems / 49));
  return { title: MAGAZINE_HEADLINES.title * k, deck: MAGAZINE_HEADLINES.deck * Math.sqrt(k), heading: MAGAZINE_HEADLINES.heading * Math.sqrt(k) };
}

export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
  tabloid: { width: 792, height: 1224 },
} as const;

export type PageSizeName = keyof typeof PAGE_SIZES;


const require = createRequire(import.meta.url);

function packageFile(pkg: string, rel: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), rel);
}

const SS4 = '@expo-google-fonts/source-serif-4';

/** Fonts that ship with the tool (from npm packages): Source Serif 4 and DejaVu Sans Mono. */
export const BUNDLED_FONTS: Layout['fonts'] = {
  body: {
    regular: packageFile(SS4, '400Regular/SourceSerif4_400Regular.ttf'),
    italic: packageFile(SS4, '400Regular_Italic/SourceSerif4_400Regular_Italic.ttf'),
    bold: packageFile(SS4, '700Bold/SourceSerif4_700Bold.ttf'),
    boldItalic: packageFile(SS4, '700Bold_Italic/SourceSerif4_700Bold_Italic.ttf'),
  },
  heading: {
    regular: packageFile(SS4, '600SemiBold/SourceSerif4_600SemiBold.ttf'),
    italic: packageFile(SS4, '600SemiBold_Italic/SourceSerif4_600SemiBold_Italic.ttf'),
    bold: packageFile(SS4, '800ExtraBold/SourceSerif4_800ExtraBold.ttf'),
    boldItalic: packageFile(SS4, '800ExtraBold_Italic/SourceSerif4_800ExtraBold_Italic.ttf'),
  },
  mono: {
    regular: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSansMono.ttf'),
    italic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSansMono-Oblique.ttf'),
    bold: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSansMono-Bold.ttf'),
    boldItalic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSansMono-BoldOblique.ttf'),
  },
};

const inch = 72;

/** The default layout: a Letter magazine page in two columns. */
export const MAGAZINE: Layout = {
  pageWidth: PAGE_SIZES.letter.width,
  pageHeight: PAGE_SIZES.letter.height,
  margins: { top: 0.75 * inch, bottom: 0.75 * inch, inside: 0.75 * inch, outside: 0.6 * inch },
  columns: 2,
  gutter: 0.25 * inch,
  size: 10,
  leading: 12.5,
  fonts: BUNDLED_FONTS,
  runOn: false,
  headlines: MAGAZINE_HEADLINES,
};

/**
 * Fonts tried, in this order, for a character the article's own fonts lack (after the
 * layout's other families): DejaVu Serif, then DejaVu Sans. Never drawn as a silent box.
 */
export const FALLBACK_FONTS: { serif: FontSet; sans: FontSet } = {
  serif: {
    regular: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSerif.ttf'),
    italic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSerif-Italic.ttf'),
    bold: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSerif-Bold.ttf'),
    boldItalic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSerif-BoldItalic.ttf'),
  },
  sans: {
    regular: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSans.ttf'),
    italic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSans-Oblique.ttf'),
    bold: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSans-Bold.ttf'),
    boldItalic: packageFile('dejavu-fonts-ttf', 'ttf/DejaVuSans-BoldOblique.ttf'),
  },
};

/**
 * A family with no italics (an @expo-google-fonts package): the upright face serves for
 * italic, the bold for bold italic.
 */
function uprightFamily(pkg: string, name: string): FontSet {
  const regular = packageFile(pkg, `400Regular/${name}_400Regular.ttf`);
  const bold = packageFile(pkg, `700Bold/${name}_700Bold.ttf`);
  return { regular, italic: regular, bold, boldItalic: bold };
}

const JP = '@expo-google-fonts/noto-serif-jp';
const SC = '@expo-google-fonts/noto-serif-sc';

/**
 * Japanese and Simplified Chinese (Noto Serif JP and SC, whole TTFs from npm, 7–10 MB each):
 * opened only when a run of text needs them; pdfkit embeds just the glyphs used. No CJK
 * italics: the upright faces serve; bold for bold and bold italic.
 */
export const CJK_FONTS: { ja: FontSet; zh: FontSet } = {
  ja: uprightFamily(JP, 'NotoSerifJP'),
  zh: uprightFamily(SC, 'NotoSerifSC'),
};

const KR = '@expo-google-fonts/noto-sans-kr';
const EMOJI = '@expo-google-fonts/noto-emoji';

/**
 * Last resorts, after every other font: Korean (Noto Sans KR: no serif Korean ships as one
 * whole file on npm) and emoji (Noto Emoji, monochrome outlines: they print in one ink and
 * embed like any font, where colour emoji fonts are bitmaps or COLR layers). Opened only
 * when a character needs them.
 */
export const LAST_RESORT_FONTS: { hangul: FontSet; emoji: FontSet } = {
  hangul: uprightFamily(KR, 'NotoSansKR'),
  emoji: uprightFamily(EMOJI, 'NotoEmoji'),
};

/** A tabloid newspaper page: 11 × 17 in, four columns, larger type for headlines. */
export const TABLOID: Layout = {
  pageWidth: PAGE_SIZES.tabloid.width,
  pageHeight: PAGE_SIZES.tabloid.height,
  margins: { top: 0.6 * inch, bottom: 0.6 * inch, inside: 0.6 * inch, outside: 0.5 * inch },
  columns: 4,
  gutter: 0.2 * inch,
  size: 9.5,
  leading: 11.5,
  fonts: BUNDLED_FONTS,
  runOn: true,
  headlines: { title: 4.6, deck: 1.75, heading: 1.6 },
};

/** Named layouts an edition chooses with `layout.preset`. */
export const PRESETS = { magazine: MAGAZINE, tabloid: TABLOID } as const;
export type PresetName = keyof typeof PRESETS;

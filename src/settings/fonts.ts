// The fonts that ship with the tool, as files inside npm packages: the layout's default
// families and the fallbacks tried for characters they lack.
import { createRequire } from 'node:module';
import path from 'node:path';

/** Absolute paths of the four faces of a family. */
export interface FontSet {
  regular: string;
  italic: string;
  bold: string;
  boldItalic: string;
}

const require = createRequire(import.meta.url);

function packageFile(pkg: string, rel: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), rel);
}

const SS4 = '@expo-google-fonts/source-serif-4';

/** Fonts that ship with the tool (from npm packages): Source Serif 4 and DejaVu Sans Mono. */
export const BUNDLED_FONTS: { body: FontSet; heading: FontSet; mono: FontSet } = {
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

// The few words the page builder prints itself, per language (primary subtag).
const FIGURE: Record<string, string> = {
  en: 'Figure', de: 'Abbildung', fr: 'Figure', es: 'Figura', it: 'Figura', pt: 'Figura', pl: 'Rysunek',
  ru: 'Рисунок', uk: 'Рисунок', nl: 'Afbeelding', sv: 'Figur', id: 'Gambar', tl: 'Larawan', ja: '図', zh: '图',
};
const CONTENTS: Record<string, string> = {
  en: 'Contents', de: 'Inhalt', fr: 'Sommaire', es: 'Índice', it: 'Sommario', pt: 'Sumário', pl: 'Spis treści',
  ru: 'Содержание', uk: 'Зміст', nl: 'Inhoud', sv: 'Innehåll', id: 'Daftar isi', tl: 'Nilalaman', ja: '目次', zh: '目录',
};

const primary = (lang: string) => lang.toLowerCase().split(/[-_]/)[0];

export function figureLabel(lang: string, n: number): string {
  const word = FIGURE[primary(lang)] ?? FIGURE.en;
  return /^(ja|zh)$/.test(primary(lang)) ? `${word}${n}` : `${word} ${n}.`;
}

export function contentsLabel(lang: string): string {
  return CONTENTS[primary(lang)] ?? CONTENTS.en;
}

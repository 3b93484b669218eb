// Every word the tool itself writes, in the twelve languages of the reference publisher.
// One row per label, one column per language, so a translator reads and fixes it in one
// place. `{name}` marks a value filled in at run time.

export const LANGUAGES = ['en', 'id', 'de', 'es', 'fr', 'it', 'ja', 'pl', 'pt', 'ru', 'zh', 'tl'] as const;
export type LabelLanguage = (typeof LANGUAGES)[number];

type Row = Record<LabelLanguage, string>;

export const LABELS = {
  contents: {
    en: 'Contents',
    id: 'Daftar Isi',
    de: 'Inhalt',
    es: 'Índice',
    fr: 'Sommaire',
    it: 'Sommario',
    ja: '目次',
    pl: 'Spis treści',
    pt: 'Sumário',
    ru: 'Содержание',
    zh: '目录',
    tl: 'Nilalaman',
  },
  cover: {
    en: 'Cover',
    id: 'Sampul',
    de: 'Titelseite',
    es: 'Portada',
    fr: 'Couverture',
    it: 'Copertina',
    ja: '表紙',
    pl: 'Okładka',
    pt: 'Capa',
    ru: 'Обложка',
    zh: '封面',
    tl: 'Pabalat',
  },
  coverAlt: {
    en: 'Cover of {title}',
    id: 'Sampul {title}',
    de: 'Titelseite von {title}',
    es: 'Portada de {title}',
    fr: 'Couverture de {title}',
    it: 'Copertina di {title}',
    ja: '{title}の表紙',
    pl: 'Okładka: {title}',
    pt: 'Capa de {title}',
    ru: 'Обложка: {title}',
    zh: '{title}封面',
    tl: 'Pabalat ng {title}',
  },
  page: {
    en: 'Page',
    id: 'Halaman',
    de: 'Seite',
    es: 'Página',
    fr: 'Page',
    it: 'Pagina',
    ja: 'ページ',
    pl: 'Strona',
    pt: 'Página',
    ru: 'Страница',
    zh: '页',
    tl: 'Pahina',
  },
  continued: {
    en: 'continued',
    id: 'lanjutan',
    de: 'Fortsetzung',
    es: 'continuación',
    fr: 'suite',
    it: 'continua',
    ja: '続き',
    pl: 'ciąg dalszy',
    pt: 'continuação',
    ru: 'продолжение',
    zh: '续',
    tl: 'karugtong',
  },
  notes: {
    en: 'Notes',
    id: 'Catatan',
    de: 'Anmerkungen',
    es: 'Notas',
    fr: 'Notes',
    it: 'Note',
    ja: '注',
    pl: 'Przypisy',
    pt: 'Notas',
    ru: 'Примечания',
    zh: '注释',
    tl: 'Mga Tala',
  },
  backToText: {
    en: 'Back to text',
    id: 'Kembali ke teks',
    de: 'Zurück zum Text',
    es: 'Volver al texto',
    fr: 'Retour au texte',
    it: 'Torna al testo',
    ja: '本文に戻る',
    pl: 'Powrót do tekstu',
    pt: 'Voltar ao texto',
    ru: 'Назад к тексту',
    zh: '返回正文',
    tl: 'Bumalik sa teksto',
  },
  figure: {
    en: 'Figure {n}.',
    id: 'Gambar {n}.',
    de: 'Abbildung {n}.',
    es: 'Figura {n}.',
    fr: 'Figure {n}.',
    it: 'Figura {n}.',
    ja: '図{n}',
    pl: 'Rysunek {n}.',
    pt: 'Figura {n}.',
    ru: 'Рисунок {n}.',
    zh: '图{n}',
    tl: 'Larawan {n}.',
  },
  printableVersion: {
    en: 'Printable version',
    id: 'Versi cetak',
    de: 'Druckversion',
    es: 'Versión para imprimir',
    fr: 'Version imprimable',
    it: 'Versione stampabile',
    ja: '印刷用',
    pl: 'Wersja do druku',
    pt: 'Versão para impressão',
    ru: 'Версия для печати',
    zh: '打印版',
    tl: 'Bersyong maipi-print',
  },
  frontPage: {
    en: 'Front page',
    id: 'Halaman depan',
    de: 'Titelseite',
    es: 'Portada',
    fr: 'La une',
    it: 'Prima pagina',
    ja: '一面',
    pl: 'Pierwsza strona',
    pt: 'Primeira página',
    ru: 'Первая полоса',
    zh: '头版',
    tl: 'Unang pahina',
  },
  inThisIssue: {
    en: 'In this issue',
    id: 'Dalam edisi ini',
    de: 'In dieser Ausgabe',
    es: 'En este número',
    fr: 'Dans ce numéro',
    it: 'In questo numero',
    ja: '今号の内容',
    pl: 'W tym numerze',
    pt: 'Nesta edição',
    ru: 'В этом номере',
    zh: '本期内容',
    tl: 'Sa isyung ito',
  },
  andMore: {
    en: 'and {n} more',
    id: 'dan {n} lainnya',
    de: 'und {n} weitere',
    es: 'y {n} más',
    fr: 'et {n} autres',
    it: 'e altri {n}',
    ja: 'ほか{n}本',
    pl: 'i {n} więcej',
    pt: 'e mais {n}',
    ru: 'и ещё {n}',
    zh: '另有{n}篇',
    tl: 'at {n} pa',
  },
  landmarks: {
    en: 'Guide',
    id: 'Panduan',
    de: 'Orientierung',
    es: 'Guía',
    fr: 'Repères',
    it: 'Guida',
    ja: 'ガイド',
    pl: 'Przewodnik',
    pt: 'Guia',
    ru: 'Ориентиры',
    zh: '导览',
    tl: 'Gabay',
  },
  bodymatter: {
    en: 'Start of reading',
    id: 'Mulai membaca',
    de: 'Textbeginn',
    es: 'Inicio de la lectura',
    fr: 'Début de la lecture',
    it: 'Inizio della lettura',
    ja: '本文の始まり',
    pl: 'Początek lektury',
    pt: 'Início da leitura',
    ru: 'Начало чтения',
    zh: '正文开始',
    tl: 'Simula ng pagbasa',
  },
  accessibilitySummary: {
    en: 'Reflowable text with a navigable table of contents, headings in reading order and footnotes linked to and from their calls.',
    id: 'Teks yang dapat menyesuaikan tata letak, dengan daftar isi yang dapat dinavigasi, judul bagian sesuai urutan baca, dan catatan kaki yang tertaut dua arah.',
    de: 'Umbrechbarer Text mit navigierbarem Inhaltsverzeichnis, Überschriften in Lesereihenfolge und Fußnoten, die in beide Richtungen verlinkt sind.',
    es: 'Texto adaptable con un índice navegable, encabezados en orden de lectura y notas al pie enlazadas en ambos sentidos.',
    fr: 'Texte recomposable avec une table des matières navigable, des titres dans l’ordre de lecture et des notes liées dans les deux sens.',
    it: 'Testo adattabile con un sommario navigabile, titoli in ordine di lettura e note collegate in entrambe le direzioni.',
    ja: 'リフロー型のテキストで、移動できる目次、読む順に並んだ見出し、本文と相互にリンクした注があります。',
    pl: 'Tekst o płynnym układzie z nawigowalnym spisem treści, nagłówkami w kolejności czytania i przypisami połączonymi w obie strony.',
    pt: 'Texto ajustável com sumário navegável, títulos na ordem de leitura e notas ligadas nos dois sentidos.',
    ru: 'Текст с переменной вёрсткой, навигационным оглавлением, заголовками в порядке чтения и сносками со ссылками в обе стороны.',
    zh: '可重排文本，附可导航目录，标题按阅读顺序排列，脚注与正文双向链接。',
    tl: 'Tekstong naaayos ang daloy, may nalalakbay na talaan ng nilalaman, mga pamagat ayon sa pagkakasunod ng pagbasa, at mga talababa na may link pabalik at pasulong.',
  },
  accessibilitySummaryImages: {
    en: 'Every image has a text alternative.',
    id: 'Setiap gambar memiliki teks alternatif.',
    de: 'Jedes Bild hat eine Textalternative.',
    es: 'Cada imagen tiene un texto alternativo.',
    fr: 'Chaque image a une alternative textuelle.',
    it: 'Ogni immagine ha un testo alternativo.',
    ja: 'すべての画像に代替テキストがあります。',
    pl: 'Każdy obraz ma tekst alternatywny.',
    pt: 'Cada imagem tem um texto alternativo.',
    ru: 'У каждого изображения есть текстовое описание.',
    zh: '每张图片都有替代文本。',
    tl: 'Bawat larawan ay may alternatibong teksto.',
  },
  /** The source line on the first page of an article's own PDF ({pages}: `pageOne` or `pageRange`). */
  articleSource: {
    en: 'From {publication} {issue}, {dateline}, {pages}',
    id: 'Dari {publication} {issue}, {dateline}, {pages}',
    de: 'Aus {publication} {issue}, {dateline}, {pages}',
    es: 'Publicado en {publication} {issue}, {dateline}, {pages}',
    fr: 'Extrait de {publication} {issue}, {dateline}, {pages}',
    it: 'Tratto da {publication} {issue}, {dateline}, {pages}',
    ja: '初出：『{publication}』{issue}（{dateline}）、{pages}',
    pl: 'Źródło: {publication} {issue}, {dateline}, {pages}',
    pt: 'Publicado em {publication} {issue}, {dateline}, {pages}',
    ru: 'Источник: {publication} {issue}, {dateline}, {pages}',
    zh: '原载《{publication}》{issue}（{dateline}），{pages}',
    tl: 'Mula sa {publication} {issue}, {dateline}, {pages}',
  },
  /** The same when the pages it ran on are not known. */
  articleSourceUnpaged: {
    en: 'From {publication} {issue}, {dateline}',
    id: 'Dari {publication} {issue}, {dateline}',
    de: 'Aus {publication} {issue}, {dateline}',
    es: 'Publicado en {publication} {issue}, {dateline}',
    fr: 'Extrait de {publication} {issue}, {dateline}',
    it: 'Tratto da {publication} {issue}, {dateline}',
    ja: '初出：『{publication}』{issue}（{dateline}）',
    pl: 'Źródło: {publication} {issue}, {dateline}',
    pt: 'Publicado em {publication} {issue}, {dateline}',
    ru: 'Источник: {publication} {issue}, {dateline}',
    zh: '原载《{publication}》{issue}（{dateline}）',
    tl: 'Mula sa {publication} {issue}, {dateline}',
  },
  /** One page of a citation (a no-break space keeps the abbreviation with its number). */
  pageOne: {
    en: 'p.\u00a0{n}',
    id: 'hlm.\u00a0{n}',
    de: 'S.\u00a0{n}',
    es: 'p.\u00a0{n}',
    fr: 'p.\u00a0{n}',
    it: 'p.\u00a0{n}',
    ja: '{n}ページ',
    pl: 's.\u00a0{n}',
    pt: 'p.\u00a0{n}',
    ru: 'с.\u00a0{n}',
    zh: '第{n}页',
    tl: 'p.\u00a0{n}',
  },
  /** Pages of a citation, first to last: an en dash, or the hyphen French, Spanish, Italian and Portuguese use. */
  pageRange: {
    en: 'pp.\u00a0{a}–{b}',
    id: 'hlm.\u00a0{a}–{b}',
    de: 'S.\u00a0{a}–{b}',
    es: 'pp.\u00a0{a}-{b}',
    fr: 'p.\u00a0{a}-{b}',
    it: 'pp.\u00a0{a}-{b}',
    ja: '{a}–{b}ページ',
    pl: 's.\u00a0{a}–{b}',
    pt: 'p.\u00a0{a}-{b}',
    ru: 'с.\u00a0{a}–{b}',
    zh: '第{a}–{b}页',
    tl: 'pp.\u00a0{a}–{b}',
  },
  /** Under a story’s last column where it jumps to a later page. */
  continuedOn: {
    en: 'Continued on page {n}',
    id: 'Bersambung ke halaman {n}',
    de: 'Fortsetzung auf Seite {n}',
    es: 'Continúa en la página {n}',
    fr: 'Suite page {n}',
    it: 'Continua a pagina {n}',
    ja: '{n}ページへ続く',
    pl: 'Ciąg dalszy na stronie {n}',
    pt: 'Continua na página {n}',
    ru: 'Продолжение на с.\u00a0{n}',
    zh: '下转第{n}页',
    tl: 'Itutuloy sa pahina {n}',
  },
  /** Over a story’s continuation, naming the page it jumped from. */
  continuedFrom: {
    en: 'Continued from page {n}',
    id: 'Sambungan dari halaman {n}',
    de: 'Fortsetzung von Seite {n}',
    es: 'Viene de la página {n}',
    fr: 'Suite de la page {n}',
    it: 'Segue da pagina {n}',
    ja: '{n}ページから続く',
    pl: 'Ciąg dalszy ze strony {n}',
    pt: 'Continuação da página {n}',
    ru: 'Начало на с.\u00a0{n}',
    zh: '上接第{n}页',
    tl: 'Karugtong mula sa pahina {n}',
  },
  /** The label over a GitHub alert `> [!NOTE]` (the word GitHub shows), and the four below for its other kinds. */
  noteNote: {
    en: 'Note',
    id: 'Catatan',
    de: 'Hinweis',
    es: 'Nota',
    fr: 'Remarque',
    it: 'Nota',
    ja: 'メモ',
    pl: 'Uwaga',
    pt: 'Nota',
    ru: 'Примечание',
    zh: '备注',
    tl: 'Tala',
  },
  noteTip: {
    en: 'Tip',
    id: 'Tips',
    de: 'Tipp',
    es: 'Consejo',
    fr: 'Astuce',
    it: 'Suggerimento',
    ja: 'ヒント',
    pl: 'Wskazówka',
    pt: 'Dica',
    ru: 'Совет',
    zh: '提示',
    tl: 'Payo',
  },
  noteImportant: {
    en: 'Important',
    id: 'Penting',
    de: 'Wichtig',
    es: 'Importante',
    fr: 'Important',
    it: 'Importante',
    ja: '重要',
    pl: 'Ważne',
    pt: 'Importante',
    ru: 'Важно',
    zh: '重要',
    tl: 'Mahalaga',
  },
  noteWarning: {
    en: 'Warning',
    id: 'Peringatan',
    de: 'Warnung',
    es: 'Advertencia',
    fr: 'Avertissement',
    it: 'Avviso',
    ja: '警告',
    pl: 'Ostrzeżenie',
    pt: 'Aviso',
    ru: 'Предупреждение',
    zh: '警告',
    tl: 'Babala',
  },
  noteCaution: {
    en: 'Caution',
    id: 'Perhatian',
    de: 'Achtung',
    es: 'Precaución',
    fr: 'Attention',
    it: 'Attenzione',
    ja: '注意',
    pl: 'Przestroga',
    pt: 'Cuidado',
    ru: 'Осторожно',
    zh: '注意',
    tl: 'Mag-ingat',
  },
} satisfies Record<string, Row>;

export type LabelKey = keyof typeof LABELS;

/** The primary subtag of a BCP 47 tag, if it is one of the twelve; English otherwise. */
export function labelLanguage(lang: string): LabelLanguage {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as LabelLanguage) : 'en';
}

/** A label in `lang`, with `{name}` placeholders filled from `values`. */
export function label(key: LabelKey, lang: string, values: Record<string, string | number> = {}): string {
  return fillLabel(LABELS[key][labelLanguage(lang)], values);
}

/** Languages that mark a work's title with brackets in the label itself (『』, 《》), not with italics. */
const BRACKETED_TITLES: readonly LabelLanguage[] = ['ja', 'zh'];

/** Whether a work's title (a publication's name) is set in italics in `lang`. */
export function italicTitles(lang: string): boolean {
  return !BRACKETED_TITLES.includes(labelLanguage(lang));
}

/**
 * A label cut at its placeholders, for a caller that sets some values apart (a
 * publication's name in italics): literal text, and `{ name }` where a value goes.
 */
export function labelParts(key: LabelKey, lang: string): ({ text: string } | { name: string })[] {
  return LABELS[key][labelLanguage(lang)]
    .split(/(\{\w+\})/)
    .filter((part) => part !== '')
    .map((part) => (/^\{\w+\}$/.test(part) ? { name: part.slice(1, -1) } : { text: part }));
}

/** Replace `{name}` placeholders of a label; one with no value is left as it is (filled later). */
export function fillLabel(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The kinds of note (the model's `NoteType`; i18n sits below the model and names them itself). */
type NoteKind = 'note' | 'tip' | 'important' | 'warning' | 'caution';

const NOTE_LABELS = { note: 'noteNote', tip: 'noteTip', important: 'noteImportant', warning: 'noteWarning', caution: 'noteCaution' } as const satisfies Record<
  NoteKind,
  LabelKey
>;

/** The label over a note (a GitHub alert: Note, Tip, Important, Warning, Caution) in `lang`. */
export function noteLabel(type: NoteKind, lang: string): string {
  return label(NOTE_LABELS[type], lang);
}

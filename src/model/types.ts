// The document model: one typed tree shared by every backend. Closed unions, and every
// node keeps the source position it came from so a late failure can still name
// `articles/03-harbour.md:14:1`.

/** A place in a source file; line and column are 1-based. */
export interface Position {
  /** Path relative to the edition folder, as the user would type it. */
  file: string;
  line: number;
  column: number;
}

export type Inline = (
  | { kind: 'text'; text: string }
  /** `tag`: the element the EPUB writes (raw HTML `<cite>`, `<i>`…); `em` when absent. */
  | { kind: 'emphasis'; children: Inline[]; tag?: EmphasisTag }
  | { kind: 'strong'; children: Inline[]; tag?: 'b' }
  | { kind: 'strike'; children: Inline[]; tag?: 's' }
  | { kind: 'code'; text: string; tag?: 'kbd' | 'samp' }
  | { kind: 'link'; url: string; children: Inline[] }
  /** A call to a footnote; `number` is its place in the article (1-based). */
  | { kind: 'footnote-ref'; noteId: string; number: number }
  | { kind: 'line-break' }
  /** An image inside a line of text (an icon, a badge): printed small, on the line; `alt` is its text. */
  | { kind: 'image'; image: ImageAsset; alt: string }
) & {
  pos: Position;
  /**
   * Raw-HTML elements of the safe list around this node (`<sup>`, `<abbr title>`…), outermost
   * first: the EPUB writes them, print sets the content as it is. Neighbours inside the same
   * element share its `id`.
   */
  wrap?: readonly HtmlWrap[];
};

export type EmphasisTag = 'i' | 'cite' | 'dfn' | 'var';

/** An element of the raw-HTML safe list that has no style of its own in print. */
export interface HtmlWrap {
  /** Unique within the article. */
  id: number;
  tag: WrapTag;
  /** Attributes of the safe list only (`title`, `lang`, `dir`, `datetime`), already checked. */
  attrs: Readonly<Record<string, string>>;
}

export type WrapTag = 'sup' | 'sub' | 'small' | 'mark' | 'abbr' | 'span' | 'u' | 'ins' | 'bdi' | 'time';

export type Block =
  /** `signature`: a letter's closing name, ranged right and kept with the text above it. */
  | { kind: 'paragraph'; content: Inline[]; signature?: boolean; pos: Position }
  | { kind: 'heading'; level: 2 | 3 | 4; content: Inline[]; id: string; pos: Position }
  | { kind: 'blockquote'; blocks: Block[]; attribution?: Inline[]; pos: Position }
  /** A GitHub alert (`> [!NOTE]`…): a boxed note with a label in the article's language over its blocks. */
  | { kind: 'note'; type: NoteType; blocks: Block[]; pos: Position }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][]; pos: Position }
  | { kind: 'table'; align: TableAlign[]; header: Inline[][]; rows: Inline[][][]; pos: Position }
  | FigureBlock
  /**
   * A paragraph made only of images (a blog's row of charts): printed as a row, or rows, of
   * figures side by side, each with its own number and caption.
   */
  | { kind: 'figure-group'; figures: FigureBlock[]; pos: Position }
  | { kind: 'code-block'; lang?: string; text: string; pos: Position }
  | { kind: 'rule'; pos: Position };

export interface FigureBlock {
  kind: 'figure';
  image: ImageAsset;
  alt: string;
  caption?: Inline[];
  number: number;
  id: string;
  pos: Position;
}

export type TableAlign = 'left' | 'center' | 'right' | null;

/** The five kinds of GitHub alert, each with its label (src/i18n/labels.ts). */
export type NoteType = 'note' | 'tip' | 'important' | 'warning' | 'caution';

export interface Footnote {
  /** Stable id, unique within the issue: `<article id>-fn<number>`. */
  id: string;
  number: number;
  blocks: Block[];
  pos: Position;
}

/**
 * An image that has been read and checked: what the document and the layout need. Its files
 * (the variants each backend draws) are made while the issue is set, and handed to the
 * backends as a `ConvertedImage` by id; the model holds none of its bytes.
 */
export interface ImageAsset {
  /** Stable id, unique within the issue (derived from the content hash). */
  id: string;
  /** Path relative to the edition folder. */
  source: string;
  /** What its variants are found by: the file's SHA-256 and the pixel limit it was checked against. */
  key: string;
  /** Pixel size of the original (an SVG: its natural size in CSS pixels). */
  width: number;
  height: number;
  /** Colour space of the original as sharp names it (`srgb`, `b-w`, `cmyk`…; the variants are RGB or gray whatever it was); unknown for an asset made by hand. */
  space?: string;
  /** An SVG, drawn as vectors (its size in CSS pixels, no resolution to keep to). */
  vector: boolean;
  /** The media type of the screen variant (the EPUB's file name and manifest). */
  screenType: ImageData['mediaType'];
  /** Warnings about the image (an SVG's removed parts, its fonts), reported at each place that shows it. */
  notes?: ImageNote[];
}

/** An image with the file the PDFs draw. */
export interface PrintImage extends ImageAsset {
  /**
   * For print: the original pixels (or a high-resolution re-encode), opaque. An SVG (both
   * variants `image/svg+xml`, sized in CSS pixels) is drawn as vectors: the sanitised SVG
   * made ready for the PDF writer (src/images/svg).
   */
  print: ImageData;
}

/** An image with the file the EPUB holds. */
export interface ScreenImage extends ImageAsset {
  /** At most 1600 px on the long side (an SVG: the sanitised SVG). */
  screen: ImageData;
}

/** An image with both its files. */
export interface ConvertedImage extends PrintImage, ScreenImage {}

/**
 * The issue's images by id, with the files a backend needs: what the pages' image items and
 * the EPUB's figures name. The print files are made first (the PDFs come first), the screen
 * files while the issue's PDF is drawn.
 */
export type PrintFiles = ReadonlyMap<string, PrintImage>;
export type ScreenFiles = ReadonlyMap<string, ScreenImage>;

export interface ImageData {
  data: Buffer;
  mediaType: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  width: number;
  height: number;
}

export interface ImageNote {
  code: 'image/svg-removed' | 'image/svg-font';
  message: string;
  hint?: string;
}

export interface Article {
  /** Place in the issue, 1-based. */
  index: number;
  /** `NN-<slug>`: file names of the article's outputs and its ids derive from it. */
  id: string;
  slug: string;
  /** Path of the Markdown file relative to the edition folder. */
  file: string;
  title: Inline[];
  /** The title as plain text (metadata, bookmarks, running heads). */
  titleText: string;
  deck?: Inline[];
  byline?: string;
  /** The byline as written, inline Markdown (emphasis, links); `byline` is its plain text. */
  bylineInlines?: Inline[];
  /** The people named in the byline, one `dc:creator` each. */
  authors: string[];
  department?: string;
  /** When it was first published (yyyy-mm-dd), from its front matter: printed with the byline. */
  date?: string;
  /** The address of the website it comes from (no final `/`): its links to `/path` lead to `site/path`. */
  site?: string;
  /** It may start under the article before, on that one's last page (letters, notices, news in brief). */
  runOn?: boolean;
  note?: Inline[];
  /** BCP 47 language of the article's text. */
  lang: string;
  blocks: Block[];
  footnotes: Footnote[];
  pos: Position;
}

export interface Issue {
  publication: string;
  /** Display text such as `No. 170`. */
  issue: string;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Display date such as `Fall 2011`; defaults to the formatted date. */
  dateline: string;
  language: string;
  publisher?: string;
  identifier: string;
  description?: string;
  cover?: ImageAsset;
  articles: Article[];
  /** Every department in order of first appearance. */
  departments: string[];
  /** Short boxed items (a quotation, a notice) the page builder places where space is left. */
  fillers?: Filler[];
  /** Page numbers of an article's own PDF: those it has in the issue, or its own from 1. */
  articleFolios?: 'issue' | 'own';
  /** The same issue in other languages: their edition folders (absolute) and where edition.yaml names them. */
  translations?: { folder: string; line: number; column: number }[];
}

/** A filler of the manifest's `fillers:` list, each printed at most once. */
export interface Filler {
  /** Stable id, unique within the issue: `filler-<n>` or the name the manifest gives. */
  id: string;
  /** A small heading over the box ("Quote of the issue"); none when absent. */
  title?: Inline[];
  blocks: Block[];
  /** Set under the text, ranged right, after a dash. */
  credit?: Inline[];
  lang: string;
  pos: Position;
}

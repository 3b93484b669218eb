// The view models the templates receive, one per template file. Every field is present
// (absent values are `null`), because the templates run in strict mode. Fields ending in
// `Html` hold XHTML our own code rendered and are placed with `{{{ }}}`; everything else is
// plain text, escaped by `{{ }}`.

/** What every XHTML document's head needs. */
export interface DocumentView {
  /** BCP 47 tag for `lang` and `xml:lang`. */
  lang: string;
  /** Plain text for `<title>`. */
  title: string;
  /** Relative URL of the stylesheet. */
  stylesheet: string;
}

/** A document whose own words (title, headings) are labels written by the tool. */
export interface LabelledView {
  /** The labels' language where it differs from the document's, else `null`. */
  labelLang: string | null;
}

export interface CoverView extends DocumentView, LabelledView {
  imageHref: string;
  alt: string;
}

export interface ContentsEntryView {
  href: string;
  /** The article's language when it differs from the issue's, else `null`. */
  lang: string | null;
  titleHtml: string;
  deckHtml: string | null;
  byline: string | null;
}

export interface ContentsSectionView {
  /** `null` for articles outside any department. */
  department: string | null;
  articles: ContentsEntryView[];
}

export interface ContentsView extends DocumentView, LabelledView {
  heading: string;
  publication: string;
  issue: string;
  dateline: string;
  sections: ContentsSectionView[];
}

export interface ArticleView extends DocumentView {
  /** The article's id, for styling one article from an override stylesheet. */
  id: string;
  department: string | null;
  titleHtml: string;
  deckHtml: string | null;
  byline: string | null;
  /** The byline with its emphasis and links, as XHTML. */
  bylineHtml: string | null;
  /** When it was first published: yyyy-mm-dd, and as the article's language writes it. */
  date: string | null;
  dateText: string | null;
  /** The people named in the byline, one `<meta name="author">` each. */
  authors: string[];
  noteHtml: string | null;
  bodyHtml: string;
  /** The footnotes section, or `null` when the article has none. */
  notesHtml: string | null;
  /** The fillers set after the article (`<aside class="filler">` each), or `null`. */
  fillersHtml: string | null;
}

export interface LandmarkView {
  /** `cover`, `toc` or `bodymatter`. */
  type: string;
  href: string;
  label: string;
}

export interface NavView extends DocumentView, LabelledView {
  tocLabel: string;
  /** The nested `<ol>` of the toc nav. */
  tocListHtml: string;
  landmarksLabel: string;
  landmarks: LandmarkView[];
}

export interface NcxView {
  identifier: string;
  title: string;
  depth: number;
  /** The nested `<navPoint>`s. */
  navPointsXml: string;
}

export interface ManifestItemView {
  id: string;
  href: string;
  mediaType: string;
  properties: string | null;
}

export interface SpineItemView {
  idref: string;
}

export interface CreatorView {
  id: string;
  name: string;
  /** MARC relator code (`pbl` for the publisher), or `null` when none is claimed. */
  role: string | null;
}

/** The periodical the issue belongs to (EPUB 3 `belongs-to-collection`). */
export interface CollectionView {
  id: string;
  /** The publication's name. */
  name: string;
  /** `collection-type`: `series`, a sequence of works issued one by one over time. */
  type: string;
  /** `group-position`: the issue's number, or `null` when its display text has none. */
  position: number | null;
}

export interface PackageView {
  language: string;
  identifier: string;
  title: string;
  /** One: the publisher, else the publication (the articles' authors are in their chapters). */
  creators: CreatorView[];
  collection: CollectionView;
  publisher: string | null;
  description: string | null;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  coverImageId: string;
  accessModes: string[];
  accessModesSufficient: string[];
  accessibilityFeatures: string[];
  accessibilityHazards: string[];
  accessibilitySummary: string;
  /** Language of the summary where it differs from the package's, else `null`. */
  accessibilitySummaryLang: string | null;
  /** EPUB Accessibility 1.1 conformance claim, or `null` when none is made. */
  conformsTo: string | null;
  certifiedBy: string | null;
  manifest: ManifestItemView[];
  spine: SpineItemView[];
}

/** Template file name → the view it receives. */
export interface EpubViews {
  'cover.xhtml.hbs': CoverView;
  'contents.xhtml.hbs': ContentsView;
  'article.xhtml.hbs': ArticleView;
  'nav.xhtml.hbs': NavView;
  'toc.ncx.hbs': NcxView;
  'content.opf.hbs': PackageView;
}

export const EPUB_TEMPLATES: readonly (keyof EpubViews)[] = [
  'cover.xhtml.hbs',
  'contents.xhtml.hbs',
  'article.xhtml.hbs',
  'nav.xhtml.hbs',
  'toc.ncx.hbs',
  'content.opf.hbs',
];

/** Files used as they are; overridable by name like the templates. */
export const EPUB_ASSETS: readonly string[] = ['style.css'];

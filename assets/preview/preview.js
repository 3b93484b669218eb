// The preview page: follows the server's build events and shows the last good build (the
// PDF's pages as images, fetched only when scrolled near; the EPUB's chapters in a frame;
// the warnings), with a failed build's errors over it until a build succeeds again.
'use strict';

const $ = (id) => document.getElementById(id);
let build = null; // the last good build: { buildId, pages, pageSize, warnings, chapters }
let spreads = false;
let figures = []; // figures[n - 1] shows page n

function setState(state, text) {
  document.body.dataset.state = state;
  $('status').textContent = text;
}

function el(tag, props, children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children || []) node.append(child);
  return node;
}

/** One figure per page; kept across builds of the same page count so the view does not jump. */
function showPages(b) {
  const [w, h] = b.pageSize || [612, 792];
  if (figures.length !== b.pages) {
    figures = Array.from({ length: b.pages }, (_, k) => {
      const img = el('img', { alt: `page ${k + 1}`, loading: 'lazy', decoding: 'async', width: Math.round(w), height: Math.round(h) });
      const figure = el('figure', { className: 'page', id: `page-${k + 1}` }, [img, el('figcaption', { textContent: String(k + 1) })]);
      figure.dataset.page = String(k + 1);
      return figure;
    });
    layOut();
  }
  figures.forEach((figure, k) => {
    const img = figure.querySelector('img');
    img.width = Math.round(w);
    img.height = Math.round(h);
    img.src = `/pages/${encodeURIComponent(b.buildId)}/${k + 1}.png`;
  });
  $('page-count').textContent = `of ${b.pages}`;
  $('jump-to').max = String(b.pages);
}

/** Single pages in a row that wraps, or spreads: page 1 alone on the right, then 2–3, 4–5… */
function layOut() {
  const pages = $('pages');
  pages.classList.toggle('spreads', spreads);
  if (!spreads) {
    pages.replaceChildren(...figures);
    return;
  }
  const rows = [];
  if (figures.length) rows.push(el('div', { className: 'spread first' }, [figures[0]]));
  for (let k = 1; k < figures.length; k += 2) rows.push(el('div', { className: 'spread' }, figures.slice(k, k + 2)));
  pages.replaceChildren(...rows);
}

function showChapters(b) {
  const select = $('chapter');
  const was = select.selectedIndex;
  select.replaceChildren(...b.chapters.map((c, k) => el('option', { value: String(k), textContent: c.title })));
  if (!b.chapters.length) return;
  select.selectedIndex = was >= 0 && was < b.chapters.length ? was : 0;
  showChapter();
}

function showChapter() {
  const c = build && build.chapters[$('chapter').selectedIndex];
  if (c) $('chapter-frame').src = c.href;
}

function diagnosticItem(d) {
  const text = d.place && d.text.startsWith(d.place) ? d.text.slice(d.place.length) : ` ${d.text}`;
  return el('li', { className: d.severity }, [el('span', { className: 'place', textContent: d.place }), text]);
}

function showWarnings(warnings) {
  $('warning-list').replaceChildren(...warnings.map(diagnosticItem));
  $('warnings-toggle').textContent = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  if (!warnings.length) $('warnings').hidden = true;
}

const events = new EventSource('/events');
events.addEventListener('building', () => setState('building', 'building…'));
events.addEventListener('built', (e) => {
  build = JSON.parse(e.data);
  document.body.dataset.buildId = build.buildId;
  showPages(build);
  showChapters(build);
  showWarnings(build.warnings);
  $('overlay').hidden = true;
  setState('built', `built at ${new Date().toLocaleTimeString()}: ${build.pages} pages`);
});
events.addEventListener('chapters', (e) => {
  if (!build) return;
  build.chapters = JSON.parse(e.data).chapters;
  showChapters(build);
});
events.addEventListener('warnings', (e) => {
  if (!build) return;
  build.warnings = JSON.parse(e.data).warnings;
  showWarnings(build.warnings);
});
events.addEventListener('failed', (e) => {
  const { diagnostics } = JSON.parse(e.data);
  $('error-list').replaceChildren(...diagnostics.map(diagnosticItem));
  $('overlay').hidden = false;
  setState('failed', `build failed: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}`);
});
// EventSource reconnects by itself; say so meanwhile.
events.addEventListener('error', () => setState('disconnected', 'not connected to pressroom watch: retrying…'));

$('layout').addEventListener('click', () => {
  spreads = !spreads;
  $('layout').setAttribute('aria-pressed', String(spreads));
  $('layout').textContent = spreads ? 'Single pages' : 'Spreads';
  layOut();
});
$('jump').addEventListener('submit', (e) => {
  e.preventDefault();
  const n = Number($('jump-to').value);
  const figure = Number.isInteger(n) ? $(`page-${n}`) : null;
  if (figure) figure.scrollIntoView({ block: 'start' });
});
$('chapter').addEventListener('change', showChapter);
$('warnings-toggle').addEventListener('click', () => {
  $('warnings').hidden = !$('warnings').hidden || !build || !build.warnings.length;
});
$('overlay').addEventListener('click', (e) => {
  // The overlay stays while the build is failed; a click on the backdrop hides it for a look at the last good pages.
  if (e.target === $('overlay')) $('overlay').hidden = true;
});

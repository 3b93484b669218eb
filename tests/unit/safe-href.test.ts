// Link targets the EPUB keeps are URIs epubcheck accepts: web and mail addresses only,
// a host made of letters, digits, dots and hyphens, every other character percent-encoded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeHref } from '../../src/backends/epub/safe-href.js';

describe('safeHref', () => {
  it('keeps web and mail addresses, encoding what RFC 3986 does not allow', () => {
    assert.equal(safeHref('https://example.com/?find=\\*'), 'https://example.com/?find=%5C*');
    assert.equal(safeHref('https://example.com//[/'), 'https://example.com//%5B/');
    assert.equal(safeHref('https://example.com/ä ö'), 'https://example.com/%C3%A4%20%C3%B6');
    assert.equal(safeHref('https://example.com/100%zz'), 'https://example.com/100%25zz');
    assert.equal(safeHref('http://[::1]/a'), 'http://[::1]/a');
    assert.equal(safeHref('mailto:foo@bar.example.com'), 'mailto:foo@bar.example.com');
  });

  it('drops other schemes, hosts that are not host names, and credentials', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      '/url',
      'https://foo.bar.`baz',
      'https://../',
      'https://user:pw@example.com/',
    ]) {
      assert.equal(safeHref(url), undefined, url);
    }
  });
});

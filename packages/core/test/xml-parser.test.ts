import { describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml/parser.js';
import { child, textValue } from '../src/xml/query.js';

describe('parseXml', () => {
  it('reads a well-formed file with exact offsets', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="urn:x">\n  <custom>true</custom>\n</Profile>\n';
    const doc = parseXml(text);
    expect(doc.errors).toEqual([]);
    const root = doc.root!;
    expect(root.name).toBe('Profile');
    expect(text.slice(root.start + 1, root.nameEnd)).toBe('Profile');
    expect(root.attributes?.map((a) => [a.name, text.slice(a.valueStart, a.valueEnd)])).toEqual([['xmlns', 'urn:x']]);
    const custom = child(root, 'custom')!;
    const value = textValue(doc, custom)!;
    expect(value.value).toBe('true');
    expect(text.slice(value.start, value.end)).toBe('true');
    expect(text.slice(custom.start, custom.end)).toBe('<custom>true</custom>');
  });

  it('trims values and decodes only predefined entities and character references', () => {
    const doc = parseXml('<a><b>\n  x &amp; y &lt;&#65;&#x42;&quot;  \n</b><c><![CDATA[<raw> &amp;]]></c><d/></a>');
    expect(doc.errors).toEqual([]);
    const [b, c, d] = doc.root!.children;
    expect(textValue(doc, b!)!.value).toBe('x & y <AB"');
    expect(textValue(doc, c!)!.value).toBe('<raw> &amp;');
    expect(textValue(doc, d!)).toEqual({ value: '', start: d!.openEnd, end: d!.openEnd });
  });

  it('reports an unescaped ampersand at its position and keeps going', () => {
    const doc = parseXml('<a><b>R & D</b><c>ok</c></a>');
    expect(doc.errors.map((e) => [e.message, e.start, e.end])).toEqual([["'&' must be written as &amp;", 8, 9]]);
    expect(doc.root!.children.map((c) => c.name)).toEqual(['b', 'c']);
  });

  it('recovers from a mismatched end tag by closing the inner element', () => {
    const doc = parseXml('<a><b><c>x</b><d>y</d></a>');
    expect(doc.errors[0]!.message).toBe('Expected </c> before </b>');
    expect(doc.errors[0]!.start).toBe(10);
    expect(doc.root!.children.map((c) => c.name)).toEqual(['b', 'd']);
  });

  it('reports a stray end tag', () => {
    const doc = parseXml('<a></x></a>');
    expect(doc.errors.map((e) => e.message)).toEqual(['Unexpected closing tag </x>']);
  });

  it('reports a truncated file at its last character', () => {
    const text = '<a>\n  <b>tr';
    const doc = parseXml(text);
    expect(doc.errors.map((e) => [e.message, e.start])).toEqual([['Unexpected end of file: <b> is not closed', text.length - 1]]);
  });

  it('treats a half-typed start tag as an element ending at the next <', () => {
    const doc = parseXml('<a><b <c>x</c></a>');
    expect(doc.errors[0]!.message).toBe("Start tag <b> is missing its '>'");
    expect(doc.root!.children.map((c) => c.name)).toEqual(['b', 'c']);
  });

  it('never expands entities: a billion-laughs DOCTYPE is reported and skipped', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const doc = parseXml(`<?xml version="1.0"?>\n${lol}\n<a>&lol2;</a>`);
    expect(doc.errors.map((e) => e.message)).toEqual([
      'DOCTYPE declarations are not allowed in Salesforce metadata; iulint ignores it and expands no entity',
      'Undefined entity &lol2; (iulint never expands entities)',
    ]);
    expect(textValue(doc, doc.root!)!.value).toBe('&lol2;');
  });

  it('does not resolve external entities', () => {
    const doc = parseXml('<!DOCTYPE a SYSTEM "http://127.0.0.1/evil.dtd"><a>&ext;</a>');
    expect(doc.errors.some((e) => e.message.startsWith('DOCTYPE'))).toBe(true);
    expect(doc.errors.some((e) => e.message.startsWith('Undefined entity &ext;'))).toBe(true);
  });

  it('reports attribute errors', () => {
    expect(parseXml('<a x=1/>').errors[0]!.message).toBe('The value of attribute x must be in quotes');
    expect(parseXml('<a x="1" x="2"/>').errors[0]!.message).toBe('Duplicate attribute x');
    expect(parseXml('<a x="<"/>').errors[0]!.message).toBe("'<' is not allowed in an attribute value; write &lt;");
  });

  it('reports text and elements outside the root', () => {
    expect(parseXml('hello<a/>').errors[0]!.message).toBe('Text before the root element');
    expect(parseXml('<a/><b/>').errors[0]!.message).toBe('Only one root element is allowed; found another: <b>');
    expect(parseXml('').errors[0]!.message).toBe('The file has no root element');
  });

  it('reports a misplaced XML declaration and forbidden characters', () => {
    expect(parseXml(' <?xml version="1.0"?><a/>').errors[0]!.message).toBe('The XML declaration must be at the very start of the file');
    expect(parseXml('<a>\u0001</a>').errors[0]!.message).toBe('Character U+0001 is not allowed in XML');
  });

  it('collects comments with their offsets and reports -- inside one, iulint comments included', () => {
    const text = '<a><!-- iulint-disable-next-line x --><b/></a>';
    const doc = parseXml(text);
    expect(doc.comments).toEqual([{ start: 3, end: 38, body: ' iulint-disable-next-line x ' }]);
    const dashes = (t: string) => parseXml(t).errors.map((e) => [e.message, t.slice(e.start, e.end)]);
    expect(dashes('<a><!-- a -- b --></a>')).toEqual([["'--' is not allowed inside a comment", '--']]);
    expect(dashes('<a><!-- iulint-disable-next-line x -- why --></a>')).toEqual([["'--' is not allowed inside a comment", '--']]);
    expect(dashes('<a><!-- ends with a dash ---></a>')).toEqual([["'--' is not allowed inside a comment", '--']]);
    expect(dashes('<a><!-- one - dash, a colon: fine --></a>')).toEqual([]);
  });

  it('enforces what a strict parser enforces (each case is checked against saxes in properties.test.ts)', () => {
    const first = (t: string) => parseXml(t).errors[0]?.message;
    // Names: XML 1.0 (fifth edition) NameStartChar and NameChar, supplementary characters included.
    expect(first('<a\u00B7b\u0300 x\u203F="1"/>')).toBeUndefined();
    expect(first('<\u{10000}a/>')).toBeUndefined();
    expect(first('<\u00B7/>')).toBe("'<' must be followed by an element name (write &lt; for a literal '<')");
    expect(first('<a \u0300="1"/>')).toBe("Unexpected character '\u0300' in the start tag <a>");
    expect(first('<a\u037E/>')).toBe("Unexpected character '\u037E' in the start tag <a>");
    expect(first('<a></a\u037E>')).toBe("Expected '>' to end </a>");
    // Characters: unpaired surrogates and U+FFFE anywhere (text, attribute, comment, CDATA, processing instruction).
    for (const t of ['<a>\uD800</a>', '<a x="\uDC00"/>', '<a><!--\uD800--></a>', '<a><![CDATA[\uDFFF]]></a>', '<?p \uD800?><a/>']) {
      expect(first(t), JSON.stringify(t)).toMatch(/^Character U\+D[89A-F]\w\w \(an unpaired surrogate\) is not allowed in XML$/);
    }
    expect(first('<a>\u{1F600}</a>')).toBeUndefined();
    expect(first('<a><!--\u0001--></a>')).toBe('Character U+0001 is not allowed in XML');
    expect(first('<a><![CDATA[\uFFFE]]></a>')).toBe('Character U+FFFE is not allowed in XML');
    // The XML declaration and processing instructions.
    expect(first('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>')).toBeUndefined();
    for (const t of [
      '<?xml?><a/>',
      '<?xml version="2.0"?><a/>',
      '<?xml encoding="UTF-8" version="1.0"?><a/>',
      '<?xml version=1.0?><a/>',
      '<?xml version="1.0" standalone="maybe"?><a/>',
      '<?xml version="1.0" encoding="8bit"?><a/>',
      '<?xml version="1.0"encoding="UTF-8"?><a/>',
    ]) {
      expect(first(t), t).toMatch(/^Malformed XML declaration/);
    }
    expect(first('<?XML version="1.0"?><a/>')).toBe('The XML declaration must be written <?xml');
    expect(first('<a/><?Xml x?>')).toBe('The XML declaration must be at the very start of the file');
    expect(first('<? x?><a/>')).toBe('A processing instruction needs a target name after <?');
    expect(first('<?p=x?><a/>')).toBe('Unexpected character after the processing instruction target p');
    expect(first('<?xml-stylesheet href="a"?><a/>')).toBeUndefined();
    // Attributes.
    expect(first('<a x="1"y="2"/>')).toBe('Attributes must be separated by whitespace');
  });

  it('skips a byte-order mark and accepts CRLF', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0"?>\r\n<a>\r\n<b>x</b>\r\n</a>\r\n');
    expect(doc.errors).toEqual([]);
    expect(textValue(doc, doc.root!.children[0]!)!.value).toBe('x');
  });

  it('handles 100,000-deep nesting without recursion', () => {
    const depth = 100_000;
    const doc = parseXml('<a>'.repeat(depth) + '</a>'.repeat(depth));
    expect(doc.errors).toEqual([]);
    let n = 0;
    for (let el = doc.root; el; el = el.children[0]) n++;
    expect(n).toBe(depth);
  });

  it('keeps every error range inside the document', () => {
    for (const text of ['<', '<a', '<a x', '<a x=', '<a x="', '</', '<!--', '<![CDATA[', '<?x', '&', '<a>&', '<a>&#;</a>', '<!DOCTYPE [']) {
      const doc = parseXml(text);
      expect(doc.errors.length).toBeGreaterThan(0);
      for (const e of doc.errors) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeLessThanOrEqual(text.length);
        expect(e.start).toBeLessThanOrEqual(e.end);
      }
    }
  });
});

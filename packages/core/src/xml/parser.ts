/**
 * A small, error-tolerant XML parser for Salesforce metadata files.
 *
 * It builds a light tree of elements with exact UTF-16 offsets, collects comments (for suppression
 * comments) and every well-formedness error it meets, and keeps going after an error so the rules
 * can still run on what could be read. It never expands entities: the five predefined entities and
 * character references are decoded when a value is read; anything else is reported, never resolved.
 * DOCTYPE declarations are reported and skipped; nothing is ever fetched.
 *
 * The parser does not recurse, so nesting depth is bounded only by memory.
 */

export interface XmlAttribute {
  name: string;
  nameStart: number;
  /** Offsets of the value between the quotes (excluding them). */
  valueStart: number;
  valueEnd: number;
}

export interface XmlElement {
  name: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just after the tag name. The name itself is `[start + 1, nameEnd)`. */
  nameEnd: number;
  /** Offset just after the `>` of the start tag; -1 when the start tag never ended. */
  openEnd: number;
  /** Offset of `</` of the end tag; -1 for a self-closing or unclosed element. */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  parent: XmlElement | undefined;
  children: XmlElement[];
  attributes: XmlAttribute[] | undefined;
  selfClosing: boolean;
}

export interface XmlComment {
  start: number;
  end: number;
  /** The text between `<!--` and `-->`. */
  body: string;
}

export interface XmlError {
  message: string;
  start: number;
  end: number;
}

export interface XmlDocument {
  text: string;
  /** The document element; undefined when the file has none. */
  root: XmlElement | undefined;
  errors: XmlError[];
  comments: XmlComment[];
}

export interface ParseOptions {
  /** Stop recording errors after this many (parsing goes on). Default 100. */
  maxErrors?: number;
  /**
   * Which child elements of a kept element to build (the root is always built). A skipped element and
   * everything inside it are still checked for well-formedness, but no tree is built for them: the facts
   * of a 4 MB profile need a few dozen of its hundred thousand elements. It answers from the name and
   * the parent alone: the parser asks it once for a run of siblings of the same name.
   */
  keep?: (name: string, parent: XmlElement) => boolean;
  /**
   * Whether none of a built element's children is built (`keep` must then answer false for each of
   * them): its content is checked all the same, and skipped whole where it is plain (`PLAIN_CONTENT`).
   * Like `keep`, it answers from the element's name and parent alone.
   */
  childless?: (el: XmlElement) => boolean;
}

/** The children of every element that has none: shared, never written to. */
const NO_CHILDREN: XmlElement[] = [];

const LT = 60;
const GT = 62;
const SLASH = 47;
const AMP = 38;
const EQ = 61;
const QUOT = 34;
const APOS = 39;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** XML 1.0 (fifth edition) NameStartChar, for one UTF-16 unit (a supplementary character is read by `nameCharLength`). */
function isNameStart(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return (
    (c >= 0xc0 && c <= 0x2ff && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x1fff && c !== 0x37e) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** XML 1.0 (fifth edition) NameChar, for one UTF-16 unit. */
function isNameChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46;
  return isNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/**
 * How many UTF-16 units the name character at `k` takes: 1, 2 for a supplementary character
 * U+10000..U+EFFFF (a surrogate pair), 0 when it is not a name character (`start`: a name's first).
 */
function nameCharLength(text: string, k: number, start: boolean): number {
  const c = text.charCodeAt(k);
  if (c < 128) return ASCII_NAME[c] === 1 || (!start && ASCII_NAME[c] === 2) ? 1 : 0;
  if (start ? isNameStart(c) : isNameChar(c)) return 1;
  if (c >= 0xd800 && c <= 0xdb7f) {
    const d = text.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 0;
}

/** ASCII name characters: 1 for a NameStartChar, 2 for a NameChar that cannot start a name, 0 for neither. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME[c] = isNameStart(c) ? 1 : isNameChar(c) ? 2 : 0;

/** The end of the name whose characters start at `k` (its first character already checked, or not). */
function scanName(text: string, k: number, L: number): number {
  for (; k < L; k++) {
    const c = text.charCodeAt(k);
    if (c < 128) {
      if (ASCII_NAME[c] === 0) break;
    } else {
      const n = nameCharLength(text, k, false);
      if (n === 0) break;
      k += n - 1;
    }
  }
  return k;
}

/** Characters XML 1.0 forbids anywhere: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF. */
function isForbiddenChar(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff;
}

/** The XML declaration as XML 1.0 defines it (XMLDecl: VersionInfo EncodingDecl? SDDecl? S? '?>'). */
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/**
 * An element that is certainly well-formed and holds nothing to report: `<name>` (an ASCII name, no
 * attributes), then either plain text or only such leaf elements with whitespace between them, then
 * its end tag. Plain text here has no markup, no reference, no `>` or `]` (so no `]]>`), no control
 * character other than tab, LF and CR, and no surrogate or U+FFFE/U+FFFF: every character in it is
 * allowed as it is. An element the parser does not build and that matches is skipped whole, at the
 * speed of a regular expression; anything else (attributes, comments, deeper nesting, a surrogate
 * pair, a reference, a mistake) does not match and is read by the exact path below, character by
 * character, which reports exactly what a strict parser reports.
 */
const NAME = String.raw`[A-Za-z_][\w.-]*`;
const SPACE = String.raw`[ \t\r\n]*`;
const PLAIN_TEXT = String.raw`[^<>&\]\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]*`;
/** The source of `PLAIN_ELEMENT` (its groups: 1 the element's name, 2 a leaf's), for `facts/compact.ts` too. */
export const PLAIN_ELEMENT_SOURCE = String.raw`<(${NAME})>(?:(?:${SPACE}<(${NAME})>${PLAIN_TEXT}<\/\2>)*${SPACE}|${PLAIN_TEXT})<\/\1>`;
const PLAIN_ELEMENT = new RegExp(PLAIN_ELEMENT_SOURCE, 'y');
/** The content and end tag of such an element, after its start tag (the end tag's name is compared apart). */
const PLAIN_CONTENT = new RegExp(String.raw`(?:(?:${SPACE}<(${NAME})>${PLAIN_TEXT}<\/\1>)*${SPACE}|${PLAIN_TEXT})<\/${NAME}>`, 'y');

/**
 * Reads an entity or character reference at `at` (which holds `&`). Returns its decoded text and
 * length, or an error message. Nothing but the predefined entities and character references is
 * ever decoded.
 */
export function readReference(text: string, at: number): { value: string; length: number } | { error: string; length: number } {
  // The `;` is looked for within 40 characters only: searching the rest of the text for every `&`
  // would make a long run of `&` quadratic.
  const limit = Math.min(text.length - 1, at + 40);
  let semi = -1;
  for (let k = at + 1; k <= limit; k++) {
    if (text.charCodeAt(k) === 59) {
      semi = k;
      break;
    }
  }
  if (semi === -1) return { error: "'&' must be written as &amp;", length: 1 };
  const body = text.slice(at + 1, semi);
  const length = semi - at + 1;
  if (body.startsWith('#')) {
    const hex = body[1] === 'x';
    const digits = hex ? body.slice(2) : body.slice(1);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
      return { error: `Invalid character reference &${body};`, length };
    }
    const code = Number.parseInt(digits, hex ? 16 : 10);
    if (code > 0x10ffff || isForbiddenChar(code) || (code >= 0xd800 && code <= 0xdfff)) {
      return { error: `Character reference &${body}; is not an allowed XML character`, length };
    }
    return { value: String.fromCodePoint(code), length };
  }
  const predefined = PREDEFINED[body];
  if (predefined !== undefined) return { value: predefined, length };
  if (/^[A-Za-z_:][\w.:-]*$/.test(body)) {
    return { error: `Undefined entity &${body}; (iulint never expands entities)`, length };
  }
  return { error: "'&' must be written as &amp;", length: 1 };
}

export function parseXml(text: string, options: ParseOptions = {}): XmlDocument {
  const maxErrors = options.maxErrors ?? 100;
  const errors: XmlError[] = [];
  const comments: XmlComment[] = [];
  const L = text.length;
  const keep = options.keep;
  const childless = options.childless;
  // The last answer of `keep`: a profile's thousands of <fieldPermissions> ask it once, without a name sliced out for each.
  let keptParent: XmlElement | undefined;
  let keptName = '';
  let kept = false;
  const keeps = (lt: number, j: number, parent: XmlElement): boolean => {
    if (parent !== keptParent || j - lt - 1 !== keptName.length || !text.startsWith(keptName, lt + 1)) {
      keptParent = parent;
      keptName = text.slice(lt + 1, j);
      kept = (keep as NonNullable<ParseOptions['keep']>)(keptName, parent);
    }
    return kept;
  };
  let childlessParent: XmlElement | null | undefined = null;
  let childlessName = '';
  let wasChildless = false;
  const isChildless = (el: XmlElement): boolean => {
    if (el.parent !== childlessParent || el.name !== childlessName) {
      childlessParent = el.parent;
      childlessName = el.name;
      wasChildless = (childless as NonNullable<ParseOptions['childless']>)(el);
    }
    return wasChildless;
  };
  // The open elements, `depth` of them: where each one's name starts (it ends where its name characters
  // do), and the built ones, always the outermost (nothing inside an element that is not built is built).
  // Four bytes an element: a hostile file of millions of open tags stays within a few times its size.
  let nameStarts = new Int32Array(64);
  let depth = 0;
  const built: XmlElement[] = [];
  /**
   * Once an end tag has not closed the innermost element (a malformed file), the depths of the open
   * elements by name, so that finding which one it closes is a lookup rather than a walk down the
   * open elements (which a file of many stray end tags would make quadratic).
   */
  let openByName: Map<string, number[]> | undefined;
  const push = (nameStart: number, el: XmlElement | null): void => {
    if (depth === nameStarts.length) {
      const larger = new Int32Array(depth * 2);
      larger.set(nameStarts);
      nameStarts = larger;
    }
    nameStarts[depth++] = nameStart;
    if (el) built.push(el);
    if (openByName) indexOpen(depth - 1);
  };
  const indexOpen = (k: number): void => {
    const name = stackName(k);
    const depths = (openByName as Map<string, number[]>).get(name);
    if (depths) depths.push(k);
    else (openByName as Map<string, number[]>).set(name, [k]);
  };
  const pop = (): XmlElement | null => {
    if (openByName) openByName.get(stackName(depth - 1))?.pop();
    return --depth < built.length ? (built.pop() as XmlElement) : null;
  };
  /** The innermost open element of this name (its index), or -1. */
  const openNamed = (from: number, to: number): number => {
    if (depth > 0 && sameName(depth - 1, from, to)) return depth - 1;
    if (!openByName) {
      openByName = new Map();
      for (let k = 0; k < depth; k++) indexOpen(k);
    }
    const depths = openByName.get(text.slice(from, to));
    return depths && depths.length > 0 ? (depths[depths.length - 1] as number) : -1;
  };
  /** The element that contains what comes next: undefined at the top level, null when it is not built. */
  const current = (): XmlElement | null | undefined => (depth === 0 ? undefined : depth === built.length ? built[depth - 1] : null);
  const sameName = (k: number, from: number, to: number): boolean => {
    const a = nameStarts[k] as number;
    const len = to - from;
    for (let q = 0; q < len; q++) if (text.charCodeAt(a + q) !== text.charCodeAt(from + q)) return false;
    return scanName(text, a + len, L) === a + len;
  };
  const stackName = (k: number) => text.slice(nameStarts[k], scanName(text, nameStarts[k] as number, L));
  let root: XmlElement | undefined;
  let seenRoot = false;
  /** Set once an error already says the file ends too early, so it is not said twice. */
  let eofReported = false;

  const error = (message: string, start: number, end = start): void => {
    if (errors.length < maxErrors) errors.push({ message, start, end: Math.max(start, Math.min(end, L)) });
  };

  /** Reports a character XML 1.0 does not allow at `k`; returns how many units to skip past it (a surrogate pair is allowed). */
  const checkChar = (k: number, c: number): number => {
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    if (isForbiddenChar(c) || (c >= 0xd800 && c <= 0xdfff)) {
      const what = c >= 0xd800 && c <= 0xdfff ? ' (an unpaired surrogate)' : '';
      error(`Character U+${c.toString(16).toUpperCase().padStart(4, '0')}${what} is not allowed in XML`, k, k + 1);
    }
    return 1;
  };

  /** Checks character data between two offsets: references, forbidden characters, `]]>`. */
  const checkText = (from: number, to: number, where: 'content' | 'attribute'): void => {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      // Most characters are none of & < > ] and no control character or surrogate: one test and on.
      if (
        c > 62
          ? c !== 93 && (c < 0xd800 || (c > 0xdfff && c < 0xfffe))
          : c > 38
            ? c !== LT && c !== GT
            : c > 32
              ? c !== AMP
              : c === 32 || c === 10 || c === 13 || c === 9
      )
        continue;
      if (c === AMP) {
        const ref = readReference(text, k);
        if ('error' in ref) error(ref.error, k, k + ref.length);
        k += ref.length - 1;
      } else if (c === LT && where === 'attribute') {
        error("'<' is not allowed in an attribute value; write &lt;", k, k + 1);
      } else if (c === GT && where === 'content' && k - 2 >= from && text.charCodeAt(k - 1) === 93 && text.charCodeAt(k - 2) === 93) {
        error("']]>' is not allowed in text", k - 2, k + 1);
      } else if (c !== GT && c !== 93) {
        k += checkChar(k, c) - 1;
      }
    }
  };

  /** Checks the characters of a comment, a CDATA section or a processing instruction (nothing is markup there). */
  const checkChars = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c >= 32 ? c < 0xd800 || (c > 0xdfff && c < 0xfffe) : c === 10 || c === 13 || c === 9) continue;
      k += checkChar(k, c) - 1;
    }
  };

  /**
   * Reads the rest of a start tag after its name (attributes, `>` or `/>`), checking it. `end` is set
   * when the element ends with the tag (self-closing, or a tag that never ended); `k` is where reading
   * goes on.
   */
  const readStartTag = (lt: number, j: number, name: string) => {
    const attributes: XmlAttribute[] = [];
    /** The names seen, once there are enough attributes that looking through them all would be quadratic. */
    let names: Set<string> | undefined;
    let openEnd = -1;
    let selfClosing = false;
    let end = -1;
    let k = j;
    for (;;) {
      const before = k;
      while (k < L && isWhitespace(text.charCodeAt(k))) k++;
      if (k >= L) {
        error(`Unexpected end of file inside the start tag <${name}>`, lt, j);
        eofReported = true;
        end = L;
        break;
      }
      const ch = text.charCodeAt(k);
      if (ch === GT) {
        openEnd = k + 1;
        k++;
        break;
      }
      if (ch === SLASH && text.charCodeAt(k + 1) === GT) {
        openEnd = k + 2;
        end = k + 2;
        selfClosing = true;
        k += 2;
        break;
      }
      if (ch === LT) {
        error(`Start tag <${name}> is missing its '>'`, k, k + 1);
        end = k;
        break;
      }
      const a0 = k;
      if (nameCharLength(text, k, true) === 0) {
        error(`Unexpected character '${String.fromCodePoint(text.codePointAt(k) as number)}' in the start tag <${name}>`, k, k + 1);
        k++;
        continue;
      }
      if (a0 === before) error('Attributes must be separated by whitespace', a0, a0 + 1);
      k = scanName(text, k, L);
      const attrName = text.slice(a0, k);
      while (k < L && isWhitespace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== EQ) {
        error(`Attribute ${attrName} has no value`, a0, k);
        continue;
      }
      k++;
      while (k < L && isWhitespace(text.charCodeAt(k))) k++;
      const q = text.charCodeAt(k);
      if (q !== QUOT && q !== APOS) {
        error(`The value of attribute ${attrName} must be in quotes`, k, k + 1);
        while (k < L && !isWhitespace(text.charCodeAt(k)) && text.charCodeAt(k) !== GT && text.charCodeAt(k) !== LT) k++;
        continue;
      }
      const close = text.indexOf(q === QUOT ? '"' : "'", k + 1);
      if (close === -1) {
        error(`The value of attribute ${attrName} is not closed`, k, k + 1);
        eofReported = true;
        k = L;
        continue;
      }
      checkText(k + 1, close, 'attribute');
      if (attributes.length >= 8) names ??= new Set(attributes.map((a) => a.name));
      if (names ? names.has(attrName) : attributes.some((a) => a.name === attrName))
        error(`Duplicate attribute ${attrName}`, a0, a0 + attrName.length);
      names?.add(attrName);
      attributes.push({ name: attrName, nameStart: a0, valueStart: k + 1, valueEnd: close });
      k = close + 1;
    }
    return { k, openEnd, selfClosing, end, attributes };
  };

  /** A start tag whose element is not built: checked all the same; `open` when its content follows. */
  const skipStartTag = (lt: number, j: number): { end: number; open: boolean } => {
    // The common case, `<name>`, needs no slicing.
    if (text.charCodeAt(j) === GT) return { end: j + 1, open: true };
    const tag = readStartTag(lt, j, text.slice(lt + 1, j));
    return { end: tag.k, open: tag.openEnd !== -1 && !tag.selfClosing };
  };

  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const docStart = i;

  while (i < L) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? L : lt;
    if (textEnd > i) {
      if (depth === 0) {
        for (let k = i; k < textEnd; k++) {
          if (!isWhitespace(text.charCodeAt(k))) {
            error(seenRoot ? 'Text after the root element' : 'Text before the root element', k, k + 1);
            break;
          }
        }
      } else {
        checkText(i, textEnd, 'content');
      }
    }
    if (lt === -1) break;
    const c = text.charCodeAt(lt + 1);

    if (c === SLASH) {
      // End tag.
      const nameStart = lt + 2;
      const first = nameCharLength(text, nameStart, true);
      let j = first === 0 ? nameStart : scanName(text, nameStart + first, L);
      const nameEnd = j;
      const name = () => text.slice(nameStart, nameEnd);
      while (j < L && isWhitespace(text.charCodeAt(j))) j++;
      if (j >= L) {
        error(`Unexpected end of file inside the end tag </${name()}`, lt, L);
        eofReported = true;
        break;
      }
      let end = j;
      if (j < L && text.charCodeAt(j) === GT) end = j + 1;
      else error(nameEnd > nameStart ? `Expected '>' to end </${name()}>` : "Expected an element name after '</'", j, j + 1);
      const k = openNamed(nameStart, nameEnd);
      if (k < 0) {
        error(`Unexpected closing tag </${name()}>`, lt, end);
      } else {
        if (k !== depth - 1) error(`Expected </${stackName(depth - 1)}> before </${name()}>`, lt, nameEnd);
        while (depth - 1 > k) {
          const open = pop();
          if (open) open.end = lt;
        }
        const el = pop();
        if (el) {
          el.closeStart = lt;
          el.end = end;
        }
      }
      i = Math.max(end, lt + 2);
    } else if (c === 33) {
      // `<!`: comment, CDATA or a declaration.
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        const bodyEnd = close === -1 ? L : close;
        const dashes = text.indexOf('--', lt + 4);
        if (dashes !== -1 && dashes < bodyEnd) error("'--' is not allowed inside a comment", dashes, dashes + 2);
        checkChars(lt + 4, bodyEnd);
        if (close === -1) {
          error('Comment is not closed with -->', lt, lt + 4);
          eofReported = true;
          i = L;
        } else {
          comments.push({ start: lt, end: close + 3, body: text.slice(lt + 4, close) });
          i = close + 3;
        }
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (depth === 0) error('CDATA section outside the root element', lt, lt + 9);
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) {
          error('CDATA section is not closed with ]]>', lt, lt + 9);
          eofReported = true;
          i = L;
        } else {
          checkChars(lt + 9, close);
          i = close + 3;
        }
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        error('DOCTYPE declarations are not allowed in Salesforce metadata; iulint ignores it and expands no entity', lt, lt + 9);
        // Skip the declaration, including an internal subset in brackets, without interpreting it.
        let j = lt + 9;
        let depth = 0;
        let quote = 0;
        for (; j < L; j++) {
          const d = text.charCodeAt(j);
          if (quote) {
            if (d === quote) quote = 0;
          } else if (d === QUOT || d === APOS) quote = d;
          else if (d === 91) depth++;
          else if (d === 93) depth--;
          else if (d === GT && depth <= 0) break;
        }
        i = j + 1;
      } else {
        error("Unexpected '<!'", lt, lt + 2);
        i = lt + 2;
      }
    } else if (c === 63) {
      // Processing instruction or XML declaration.
      const close = text.indexOf('?>', lt + 2);
      const first = nameCharLength(text, lt + 2, true);
      const j = first === 0 ? lt + 2 : scanName(text, lt + 2 + first, L);
      const target = text.slice(lt + 2, j);
      const after = text.charCodeAt(j);
      if (j === lt + 2) error('A processing instruction needs a target name after <?', lt, lt + 2);
      else if (target.toLowerCase() === 'xml' && (lt !== docStart || target !== 'xml')) {
        error(
          lt !== docStart ? 'The XML declaration must be at the very start of the file' : 'The XML declaration must be written <?xml',
          lt,
          j,
        );
      } else if (!(isWhitespace(after) || (after === 63 && text.charCodeAt(j + 1) === GT))) {
        error(`Unexpected character after the processing instruction target ${target}`, j, j + 1);
      } else if (target === 'xml') {
        XML_DECLARATION.lastIndex = lt;
        if (!XML_DECLARATION.test(text)) {
          error(
            'Malformed XML declaration: write <?xml version="1.0" encoding="UTF-8"?> (version first, then encoding, then standalone)',
            lt,
            close === -1 ? j : close + 2,
          );
        }
      }
      if (close === -1) {
        error('Processing instruction is not closed with ?>', lt, j);
        eofReported = true;
        i = L;
      } else {
        checkChars(j, close);
        i = close + 2;
      }
    } else {
      // Start tag.
      const first = nameCharLength(text, lt + 1, true);
      if (first === 0) {
        error("'<' must be followed by an element name (write &lt; for a literal '<')", lt, lt + 1);
        i = lt + 1;
        continue;
      }
      const j = scanName(text, lt + 1 + first, L);
      const parent = current();
      // Not built: inside an element that is not built, or a child the caller does not want.
      if (parent === null || (parent && keep && !keeps(lt, j, parent))) {
        if (text.charCodeAt(j) === GT) {
          PLAIN_ELEMENT.lastIndex = lt;
          if (PLAIN_ELEMENT.test(text)) {
            i = PLAIN_ELEMENT.lastIndex;
            continue;
          }
        }
        const k = skipStartTag(lt, j);
        if (k.open) {
          push(lt + 1, null);
        }
        i = Math.max(k.end, lt + 1);
        continue;
      }
      const el: XmlElement = {
        name: text.slice(lt + 1, j),
        start: lt,
        nameEnd: j,
        openEnd: -1,
        closeStart: -1,
        end: -1,
        parent,
        children: NO_CHILDREN,
        attributes: undefined,
        selfClosing: false,
      };
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [el];
        else parent.children.push(el);
      } else if (seenRoot) {
        error(`Only one root element is allowed; found another: <${el.name}>`, lt + 1, j);
      } else {
        root = el;
        seenRoot = true;
      }
      let k: number;
      if (text.charCodeAt(j) === GT) {
        // `<name>`, as most start tags are: nothing more to read in it.
        el.openEnd = j + 1;
        k = j + 1;
      } else {
        const tag = readStartTag(lt, j, el.name);
        el.openEnd = tag.openEnd;
        el.selfClosing = tag.selfClosing;
        if (tag.attributes.length > 0) el.attributes = tag.attributes;
        if (tag.end !== -1) el.end = tag.end;
        k = tag.k;
      }
      if (el.openEnd !== -1 && !el.selfClosing && childless && isChildless(el)) {
        // Plain content ending with this element's own end tag is skipped whole.
        PLAIN_CONTENT.lastIndex = k;
        const nameLength = j - lt - 1;
        if (PLAIN_CONTENT.test(text) && text.startsWith(el.name, PLAIN_CONTENT.lastIndex - nameLength - 1)) {
          const closeStart = PLAIN_CONTENT.lastIndex - nameLength - 3;
          if (text.charCodeAt(closeStart) === LT && text.charCodeAt(closeStart + 1) === SLASH) {
            el.closeStart = closeStart;
            el.end = PLAIN_CONTENT.lastIndex;
            i = el.end;
            continue;
          }
        }
      }
      if (el.openEnd !== -1 && !el.selfClosing) {
        push(lt + 1, el);
      } else if (el.end === -1) el.end = k;
      i = Math.max(k, lt + 1);
    }
  }

  if (depth > 0 && !eofReported) {
    // Reported where a streaming parser notices it: at the last character of the file.
    let last = L - 1;
    while (last > 0 && isWhitespace(text.charCodeAt(last))) last--;
    error(`Unexpected end of file: <${stackName(depth - 1)}> is not closed`, Math.max(0, last), Math.max(0, last) + 1);
  }
  for (const open of built) open.end = L;
  if (!seenRoot) error('The file has no root element', docStart, docStart);
  errors.sort((a, b) => a.start - b.start);
  return { text, root, errors, comments };
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  /** Set when the bytes were not valid in their encoding and were decoded with replacements. */
  problem?: string;
}

export interface BinaryContent {
  binary: true;
  reason: string;
}

const SNIFF = 8192;
/** One decoder for every file (a decode without `stream` starts afresh, also after an error). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM) and UTF-16 with a BOM. A file with NUL bytes
 * and no UTF-16 BOM is binary. Invalid UTF-8 is decoded with U+FFFD and reported.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText | BinaryContent {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.subarray(0, SNIFF).indexOf(0) !== -1) {
    return { binary: true, reason: 'it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)' };
  }
  try {
    return { text: UTF8.decode(body), encoding: 'utf-8', bom };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(body),
      encoding: 'utf-8',
      bom,
      problem: 'it is not valid UTF-8; Salesforce metadata must be UTF-8',
    };
  }
}

const UTF16 = { 'utf-16le': new TextDecoder('utf-16le', { fatal: true }), 'utf-16be': new TextDecoder('utf-16be', { fatal: true }) };

/**
 * UTF-16 code units as they are. An unpaired surrogate is kept in the text (a JavaScript string holds
 * one), not replaced by U+FFFD: the XML parser reports it, and a fix writes it back byte for byte. Only
 * an odd last byte, which no text can hold, is a problem (and the file is then never rewritten).
 */
function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  try {
    return { text: UTF16[encoding].decode(body), encoding, bom: true };
  } catch {
    // Unpaired surrogates (or an odd last byte): the units one by one.
    const le = encoding === 'utf-16le';
    const units = body.length >> 1;
    const parts: string[] = [];
    const CHUNK = 8192;
    for (let u = 0; u < units; u += CHUNK) {
      const codes = new Array<number>(Math.min(CHUNK, units - u));
      for (let k = 0; k < codes.length; k++) {
        const i = (u + k) * 2;
        codes[k] = le ? (body[i] as number) | ((body[i + 1] as number) << 8) : ((body[i] as number) << 8) | (body[i + 1] as number);
      }
      parts.push(String.fromCharCode(...codes));
    }
    const decoded: DecodedText = { text: parts.join(''), encoding, bom: true };
    if (body.length % 2 === 1) decoded.problem = `it ends with an odd byte, which ${encoding.toUpperCase()} cannot hold`;
    return decoded;
  }
}

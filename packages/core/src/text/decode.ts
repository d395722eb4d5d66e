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
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
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

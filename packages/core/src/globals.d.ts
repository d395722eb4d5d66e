// The few host APIs the core uses, present in every JavaScript runtime it targets (Node, browsers,
// web workers). Declared here rather than through the DOM or Node type libraries, so that no other
// host API can slip into the core unnoticed.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

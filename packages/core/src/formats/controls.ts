/** Whether a UTF-16 code unit is a control character other than tab, LF and CR (C0, DEL, C1). */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Control characters made visible (`\u001b` for ESC), so that a message or path taken from a project
 * cannot move a terminal's cursor or forge a log line. Tab stays; line breaks are the caller's to handle.
 */
export function visibleControls(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : text[i];
  }
  return out;
}

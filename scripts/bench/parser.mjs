// The XML parser against the one-pass floor and against saxes, htmlparser2 and fast-xml-parser, on a
// 4 MB profile; how each tolerates a malformed copy; the facts of a single very large profile.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProfile } from '@iulint/fixtures';
import { RULES } from '../../packages/core/dist/index.js';
import { extractFacts, lintText, parseXml } from '../../packages/core/dist/internal.js';
import { QUICK } from './context.mjs';
import { time } from './measure.mjs';

export async function parserJob(ctx) {
  ctx.log('parser comparison');
  const profileText = generateProfile({ bytes: 4 * 1024 * 1024, seed: 4, license: 'Salesforce', apiOnly: true });
  const mb = Buffer.byteLength(profileText) / (1024 * 1024);
  const profilePath = join(ctx.work, 'Big.profile-meta.xml');
  writeFileSync(profilePath, profileText);
  const { SaxesParser } = await import('saxes');
  const { Parser: Html2Parser } = await import('htmlparser2');
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const saxes = (input, position) => {
    const p = new SaxesParser({ position });
    const errors = [];
    p.on('error', (e) => errors.push(e.message));
    p.write(input).close();
    return { errors };
  };
  const html2 = (input) => {
    const p = new Html2Parser({}, { xmlMode: true });
    p.write(input);
    p.end();
    return { errors: [] };
  };
  const fxp = (input) => {
    const valid = XMLValidator.validate(input);
    try {
      new XMLParser().parse(input);
    } catch (e) {
      return { errors: [valid === true ? e.message : valid.err.msg] };
    }
    return { errors: valid === true ? [] : [`line ${valid.err.line}: ${valid.err.msg}`] };
  };
  const rows = [];
  const add = (name, t) => rows.push({ name, ms: t, mbps: mb / (t / 1000) });
  add(
    'read file as UTF-8 (floor)',
    time(() => readFileSync(profilePath, 'utf8')),
  );
  add(
    'one pass over the characters (floor)',
    time(() => {
      let h = 0;
      for (let i = 0; i < profileText.length; i++) h = (h + profileText.charCodeAt(i)) | 0;
      return h;
    }),
  );
  add(
    'iulint parseXml (tree, offsets, errors)',
    time(() => parseXml(profileText)),
  );
  add(
    'iulint facts (parse, positions, model)',
    time(() => extractFacts(profilePath, profileText)),
  );
  add(
    'iulint lintText (facts and all rules)',
    time(() => lintText(profilePath, profileText, RULES)),
  );
  add(
    'saxes, positions on',
    time(() => saxes(profileText, true)),
  );
  add(
    'saxes, positions off',
    time(() => saxes(profileText, false)),
  );
  add(
    'htmlparser2 (xmlMode)',
    time(() => html2(profileText)),
  );
  add(
    'fast-xml-parser (validate + parse), no positions',
    time(() => fxp(profileText)),
  );

  // Error tolerance: an unescaped `&` in the middle, and the file cut in half.
  const mid = profileText.indexOf('<field>', profileText.length >> 1) + '<field>'.length;
  const withAmp = `${profileText.slice(0, mid)}R & D ${profileText.slice(mid)}`;
  const truncated = profileText.slice(0, profileText.length >> 1);
  const lineOf = (s, o) => s.slice(0, o).split('\n').length;
  const tolerance = [
    [
      'iulint parseXml',
      () => parseXml(withAmp),
      () => parseXml(truncated),
      (r) => r.errors[0] && `line ${lineOf(withAmp, r.errors[0].start)}: ${r.errors[0].message}`,
    ],
    [
      'saxes',
      () => saxes(withAmp, true),
      () => saxes(truncated, true),
      (r) => r.errors[0] && `line ${/^(\d+):\d+: /.exec(r.errors[0])?.[1] ?? '?'}: ${r.errors[0].replace(/^\d+:\d+: /, '')}`,
    ],
    ['htmlparser2', () => html2(withAmp), () => html2(truncated), () => 'none reported'],
    ['fast-xml-parser', () => fxp(withAmp), () => fxp(truncated), (r) => r.errors[0] ?? 'none reported'],
  ].map(([name, amp, trunc, where]) => {
    const a = amp();
    return { name, ampErrors: a.errors.length, ampWhere: where(a), truncErrors: trunc().errors.length };
  });

  const big = generateProfile({ bytes: (QUICK ? 10 : 40) * 1024 * 1024, seed: 40 });
  const bigMs = time(() => extractFacts('/p/profiles/Huge.profile-meta.xml', big), 3);
  return { mb, rows, floorMbps: rows[1].mbps, tolerance, big: { mb: Buffer.byteLength(big) / 1048576, ms: bigMs } };
}

// Draws the extension's 128×128 icon (a shield with a check mark) into images/icon.png, with no
// image library: raw RGBA rows, deflated into a PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const W = 128;
const H = 128;
const px = Buffer.alloc(W * H * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * W + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const blue = [11, 92, 171, 255];
const white = [255, 255, 255, 255];
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const cx = x - 64;
    // A shield: straight top, sides curving to a point at the bottom.
    const top = y >= 14 && y <= 70 && Math.abs(cx) <= 46;
    const bottom = y > 70 && y <= 118 && Math.abs(cx) <= 46 * Math.sqrt(Math.max(0, 1 - ((y - 70) / 48) ** 2));
    set(x, y, top || bottom ? blue : [0, 0, 0, 0]);
  }
}
// A check mark, drawn as a thick polyline.
const line = (x0, y0, x1, y1, t) => {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dx = x1 - x0;
      const dy = y1 - y0;
      const u = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
      if (Math.hypot(x - (x0 + u * dx), y - (y0 + u * dy)) <= t) set(x, y, white);
    }
  }
};
line(40, 64, 58, 84, 7);
line(58, 84, 90, 44, 7);
const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);

// Hostile PDF files for tests of the server's PDF text extraction (pdftotext
// run as a child with CPU, memory, wall-clock, output and page limits; see
// src/docs/pdftext.h).  Each function WRITES one file to the path it is given
// and resolves to a description of it; nothing here starts pdftotext.
//
//   import { writeCorruptPdf, writePageBomb, writeNestingBomb, writeBigPdf } from '../lib/hostile-pdfs.mjs';
//   const big = await writeBigPdf(path.join(dir, 'big.pdf'));   // {path, bytes, pages, markers, ...}
//
// The files:
//   writeCorruptPdf   ~2 KB. Looks like a PDF (header, objects, a stream) but
//                     the catalog is cut short, a stream is binary garbage
//                     with a wrong /Length, and the xref table is truncated
//                     with no trailer: pdftotext cannot open it (exit 1).
//   writePageBomb     ~3 KB. A Pages tree of fan-out 128, three levels deep,
//                     whose Kids all reference the same intermediate nodes
//                     and, at the bottom, the same Page: 128^3 = 2,097,152
//                     pages, each drawing the same two lines of text.  A
//                     valid PDF: pdftotext extracts it page after page
//                     (~17,000 pages/s, ~137 bytes of text each: ~290 MB in
//                     all) and keeps every page it has walked in memory
//                     (~1.7 KB each: 1.7 GB after a minute).
//   writeNestingBomb  ~3 KB. One page whose content stream, compressed twice
//                     ([/FlateDecode /FlateDecode]), inflates to 1 GiB of
//                     "q" operators: graphics states saved 512 Mi levels
//                     deep.  Poppler has no q nesting limit and each level
//                     costs ~1 KB, so pdftotext's memory grows (~0.5 GB/s)
//                     until it is stopped: a MEMORY bomb.
//   writeBigPdf       ~200 MiB (within ~2 KB of the size asked for).  A
//                     valid PDF, 100 pages of real text, each page with a
//                     large uncompressed random image.  Page 1 says
//                     "Quillwort Abernethy", page 3 "Tamarisk Ostrava".
//
// Only node built-ins.  Everything is written through a small buffered
// writer on a file handle, so the big file is never held in memory.

import { open } from 'node:fs/promises';
import zlib from 'node:zlib';

/** Phrases writeBigPdf puts on its pages: page number → phrase. */
export const BIG_PDF_MARKERS = Object.freeze({ 1: 'Quillwort Abernethy', 3: 'Tamarisk Ostrava' });

const FLUSH_AT = 1 << 20;

/** Appends to a file, knows its own offset, records object offsets, writes an xref. */
class PdfWriter {
  static async create(path) {
    const w = new PdfWriter();
    w.fh = await open(path, 'w');
    w.path = path;
    return w;
  }

  constructor() {
    this.pos = 0; // bytes written so far (flushed or pending)
    this.pending = [];
    this.pendingBytes = 0;
    this.offsets = new Map(); // object number → byte offset of "N 0 obj"
  }

  /** Queue bytes (a Buffer, or a string taken as Latin-1). */
  async write(data) {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.pos += b.length;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  async flush() {
    if (this.pendingBytes === 0) return;
    const b = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    let off = 0;
    while (off < b.length) {
      const { bytesWritten } = await this.fh.write(b, off, b.length - off);
      off += bytesWritten;
    }
  }

  /** "num 0 obj\n" + body + "\nendobj\n". */
  async obj(num, body) {
    this.offsets.set(num, this.pos);
    await this.write(`${num} 0 obj\n${body}\nendobj\n`);
  }

  /** A stream object; data is a Buffer or string, or omitted to write it with writeData(). */
  async stream(num, dict, data) {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.offsets.set(num, this.pos);
    await this.write(`${num} 0 obj\n<< ${dict} /Length ${b.length} >>\nstream\n`);
    await this.write(b);
    await this.write('\nendstream\nendobj\n');
  }

  /**
   * A classic xref table for objects 0..size-1 (every number below size must
   * have been written) and its trailer.  extraFree: object numbers at or above
   * size to list as free entries in subsections of their own.
   */
  async xref(size, root, { extraFree = [] } = {}) {
    const start = this.pos;
    const lines = [PdfWriter.xrefHead(size), '0000000000 65535 f\r\n'];
    for (let i = 1; i < size; i++) {
      const off = this.offsets.get(i);
      if (off === undefined) throw new Error(`object ${i} was never written`);
      lines.push(`${String(off).padStart(10, '0')} 00000 n\r\n`);
    }
    for (const n of extraFree) lines.push(`${n} 1\n0000000000 00000 f\r\n`);
    const trailerSize = extraFree.length ? Math.max(size, ...extraFree.map((n) => n + 1)) : size;
    lines.push(PdfWriter.trailer(trailerSize, root, start));
    await this.write(lines.join(''));
  }

  static xrefHead(size) {
    return `xref\n0 ${size}\n`;
  }

  static trailer(size, root, xrefAt) {
    return `trailer\n<< /Size ${size} /Root ${root} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  }

  /** Bytes xref(size, root) writes at offset xrefAt (entries are 20 bytes each). */
  static xrefLength(size, root, xrefAt) {
    return PdfWriter.xrefHead(size).length + 20 * size + PdfWriter.trailer(size, root, xrefAt).length;
  }

  /** Flush, close, and return the number of bytes in the file. */
  async close() {
    await this.flush();
    await this.fh.close();
    return this.pos;
  }
}

/** A deterministic pseudo-random byte source (xorshift32): fixtures are reproducible. */
function fillRandom(buf, state) {
  const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
  let x = state.x >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  for (let i = words.length * 4; i < buf.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  state.x = x >>> 0;
  return buf;
}

/** A PDF string literal for ASCII text. */
function pdfString(s) {
  return '(' + s.replace(/[\\()]/g, (c) => '\\' + c) + ')';
}

/** A content stream drawing lines of text in Helvetica (/F1), top down. */
function textContent(lines, { size = 12, x = 72, y = 720, leading = 15 } = {}) {
  const ops = ['BT', `/F1 ${size} Tf`, `${leading} TL`, `${x} ${y} Td`];
  for (const line of lines) ops.push(`${pdfString(line)} Tj T*`);
  ops.push('ET');
  return ops.join('\n') + '\n';
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

// ---------------------------------------------------------------------------
// 1. Corrupt

/**
 * A small broken PDF: a %PDF-1.4 header and objects, but the catalog is cut
 * short by garbage, a "FlateDecode" stream holds random bytes and lies about
 * its /Length, and the file ends inside a truncated xref table (no trailer,
 * no startxref, no %%EOF).  pdftotext 22.12 fails to open it ("Couldn't find
 * trailer dictionary", exit 1) and writes no text.
 */
export async function writeCorruptPdf(path) {
  const w = await PdfWriter.create(path);
  const rnd = { x: 0xc0ffee };
  await w.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  // The catalog, cut off before its /Type: nothing identifies it as the root.
  w.offsets.set(1, w.pos);
  await w.write('1 0 obj\n<< /Pages 2 0 R /Ty');
  await w.write(fillRandom(Buffer.alloc(64), rnd).map((c) => (c === 0x3e || c === 0x3c ? 0x20 : c)));
  await w.write('\n');
  await w.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  await w.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>');
  // A stream claiming 5000 bytes of Flate data: 1500 bytes of noise, then more objects.
  w.offsets.set(4, w.pos);
  await w.write('4 0 obj\n<< /Length 5000 /Filter /FlateDecode >>\nstream\n');
  await w.write(fillRandom(Buffer.alloc(1500), rnd));
  await w.write('\nendstream\nendobj\n');
  await w.obj(5, '<< /Producer (hostile-pdfs corrupt fixture) >>');
  // The xref table stops mid-entry.
  const lines = ['xref\n0 6\n0000000000 65535 f\r\n'];
  for (let i = 1; i <= 3; i++) lines.push(`${String(w.offsets.get(i)).padStart(10, '0')} 00000 n\r\n`);
  lines.push('00000');
  await w.write(lines.join(''));
  const bytes = await w.close();
  return { path, bytes, kind: 'corrupt' };
}

// ---------------------------------------------------------------------------
// 2. Page bomb

/**
 * A tiny valid PDF claiming (and really having) fanout^depth pages: the Pages
 * tree has `depth` levels of intermediate nodes, each node's Kids holding
 * `fanout` references to the same node of the next level, and the last
 * level's Kids referencing the same Page `fanout` times.  Poppler only
 * rejects a Pages tree loop (a node among its own ancestors), so the shared
 * nodes are walked again and again, and every page draws the same line of
 * text.  Poppler also ignores a /Count larger than the number of objects, so
 * the xref table gets one free entry numbered pages+8 to make room.
 *
 * Defaults: fanout 128, depth 3 → 2,097,152 pages.
 */
export async function writePageBomb(path, { fanout = 128, depth = 3 } = {}) {
  if (fanout < 1 || depth < 1) throw new Error('fanout and depth must be positive');
  const pages = fanout ** depth;
  const w = await PdfWriter.create(path);
  // Objects: 1 catalog, 2..depth+1 Pages levels (2 is the root), then page, content, font.
  const level = (i) => 2 + i; // i = 0 (root) .. depth-1
  const pageNum = 2 + depth;
  const contentNum = pageNum + 1;
  const fontNum = contentNum + 1;
  const size = fontNum + 1;

  await w.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  await w.obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  for (let i = 0; i < depth; i++) {
    const kid = i + 1 < depth ? level(i + 1) : pageNum;
    const kids = Array(fanout).fill(`${kid} 0 R`).join(' ');
    const parent = i > 0 ? ` /Parent ${level(i - 1)} 0 R` : '';
    await w.obj(level(i), `<< /Type /Pages${parent} /Count ${fanout ** (depth - i)} /Kids [${kids}] >>`);
  }
  await w.obj(
    pageNum,
    `<< /Type /Page /Parent ${level(depth - 1)} 0 R /MediaBox [0 0 612 792] ` +
      `/Resources << /Font << /F1 ${fontNum} 0 R >> >> /Contents ${contentNum} 0 R >>`,
  );
  await w.stream(
    contentNum,
    '',
    textContent([
      'This page is one of millions that all share one page object.',
      'A page bomb: a Pages tree that fans out to the same kids again and again.',
    ]),
  );
  await w.obj(fontNum, FONT);
  // A free entry far above the real objects so the xref "has" more objects than pages.
  await w.xref(size, 1, { extraFree: [pages + 8] });
  const bytes = await w.close();
  return { path, bytes, pages, fanout, depth, kind: 'page-bomb' };
}

// ---------------------------------------------------------------------------
// 3. Nesting bomb

// Adler-32 (zlib's trailer checksum), with combine so the checksum of a
// gigabyte of repeated data costs nothing.
const ADLER_MOD = 65521;

function adler32(buf) {
  let a = 1;
  let b = 0;
  for (let i = 0; i < buf.length; i++) {
    a = (a + buf[i]) % ADLER_MOD;
    b = (b + a) % ADLER_MOD;
  }
  return (b << 16) | a;
}

/** adler32(A ‖ B) from adler32(A), adler32(B) and B's length (zlib's adler32_combine). */
function adler32Combine(adler1, adler2, len2) {
  const rem = Number(BigInt(len2) % BigInt(ADLER_MOD));
  let sum1 = adler1 & 0xffff;
  let sum2 = (rem * sum1) % ADLER_MOD;
  sum1 += (adler2 & 0xffff) + ADLER_MOD - 1;
  sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + ADLER_MOD - rem;
  if (sum1 >= ADLER_MOD) sum1 -= ADLER_MOD;
  if (sum1 >= ADLER_MOD) sum1 -= ADLER_MOD;
  if (sum2 >= ADLER_MOD * 2) sum2 -= ADLER_MOD * 2;
  if (sum2 >= ADLER_MOD) sum2 -= ADLER_MOD;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * A zlib stream of `chunk` repeated `times` times, built without inflating
 * the whole: the chunk is deflated once with a full flush (which resets the
 * dictionary, so its compressed bytes stand alone) and those bytes repeated.
 */
function zlibRepeat(chunk, times) {
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const end = zlib.deflateRawSync(Buffer.alloc(0)); // an empty final block
  const one = adler32(chunk);
  let sum = 1; // adler32 of nothing
  let acc = one; // adler32 of chunk^(2^k)
  let accLen = chunk.length;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2) sum = adler32Combine(sum, acc, accLen);
    acc = adler32Combine(acc, acc, accLen);
    accLen *= 2;
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(sum >>> 0);
  const parts = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < times; i++) parts.push(block);
  parts.push(end, trailer);
  return Buffer.concat(parts);
}

/**
 * One page whose content stream is `inflatedBytes` (default 1 GiB) of "q\n":
 * graphics-state saves nested half a gigabyte deep, never restored.  The
 * stream is compressed twice ([/FlateDecode /FlateDecode]): 1 GiB → ~1 MB →
 * ~3 KB, so the file is tiny.  Each q makes poppler copy its whole GfxState
 * (no depth limit in 22.12), so pdftotext's memory grows at gigabytes a
 * second until a limit (RLIMIT_AS) or the OOM killer stops it.  A short text
 * line is drawn first, so the page is a plausible one.
 *
 * Deep array/dictionary nesting was not used: poppler's parser has a
 * recursion limit, and a 200,000-deep array costs pdftotext 0.35 s and 20 MB.
 */
export async function writeNestingBomb(path, { inflatedBytes = 1 << 30 } = {}) {
  const chunk = Buffer.from('q\n'.repeat(1 << 19), 'latin1'); // 1 MiB
  const times = Math.max(1, Math.round(inflatedBytes / chunk.length));
  const head = Buffer.from(textContent(['A nesting bomb: the graphics state is saved without end.']), 'latin1');
  // The text prefix, then the q chunks: deflate the prefix with a full flush too.
  const headBlock = zlib.deflateRawSync(head, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const body = zlibRepeat(chunk, times);
  // Splice the prefix block in after the zlib header and fix the checksum.
  const sum = adler32Combine(adler32(head), body.readUInt32BE(body.length - 4), chunk.length * times);
  const inner = Buffer.concat([body.subarray(0, 2), headBlock, body.subarray(2, body.length - 4), Buffer.alloc(4)]);
  inner.writeUInt32BE(sum >>> 0, inner.length - 4);
  const outer = zlib.deflateSync(inner, { level: 9 });

  const w = await PdfWriter.create(path);
  await w.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  await w.obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  await w.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  await w.obj(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
  );
  await w.stream(4, '/Filter [/FlateDecode /FlateDecode]', outer);
  await w.obj(5, FONT);
  await w.xref(6, 1);
  const bytes = await w.close();
  return {
    path,
    bytes,
    pages: 1,
    inflatedBytes: head.length + chunk.length * times,
    nestingDepth: (chunk.length / 2) * times,
    kind: 'nesting-bomb',
  };
}

// ---------------------------------------------------------------------------
// 4. Big

const WORDS = (
  'minutes agenda council committee resolved motion seconded carried planning ' +
  'application parish meeting clerk chair report budget highways footpath ' +
  'allotments village hall grant precept correspondence members declared interests ' +
  'apologies received noted approved deferred consultation tree preservation order'
).split(' ');

function fillerLines(page, count) {
  const lines = [];
  let x = page * 7919;
  for (let i = 0; i < count; i++) {
    const words = [];
    for (let j = 0; j < 10; j++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      words.push(WORDS[x % WORDS.length]);
    }
    lines.push(words.join(' '));
  }
  return lines;
}

/**
 * A valid PDF of about `bytes` bytes (default 200 MiB; the result is at most
 * one image row, 1 KB, short of it): `pages` pages (default 100), each with a
 * content stream of real text and a DeviceGray image XObject of uncompressed
 * pseudo-random pixels (no filter) that makes up the size.  Page 1 says
 * "Quillwort Abernethy", page 3 "Tamarisk Ostrava" (BIG_PDF_MARKERS); every
 * page says "Page N of M".  pdftotext does not decode XObject images, so
 * extraction is quick; the size is what a server has to cope with.
 */
export async function writeBigPdf(path, bytes = 200 * 1024 * 1024, { pages = 100 } = {}) {
  if (pages < 3) throw new Error('writeBigPdf needs at least 3 pages for its markers');
  const width = 1024; // image row: image sizes are whole rows
  // Objects: 1 catalog, 2 pages, 3 font, then per page i (0-based): page 4+3i, content 5+3i, image 6+3i.
  const pageObj = (i) => 4 + 3 * i;
  const size = 4 + 3 * pages;
  const contents = [];
  for (let i = 0; i < pages; i++) {
    const lines = [`Page ${i + 1} of ${pages}.`];
    if (BIG_PDF_MARKERS[i + 1]) lines.push(`Marker phrase: ${BIG_PDF_MARKERS[i + 1]}.`);
    lines.push(...fillerLines(i + 1, 20));
    const text = textContent(lines, { size: 10, y: 740, leading: 13 });
    contents.push(Buffer.from(`q 200 0 0 150 72 40 cm /Im1 Do Q\n${text}`, 'latin1'));
  }
  const imageHead = (num, len) =>
    `${num} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${len / width} ` +
    `/ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${len} >>\nstream\n`;
  const imageTail = '\nendstream\nendobj\n';
  // All images but the last get an even share of what the text leaves (roughly:
  // ~600 bytes of dictionaries a page); the last is sized to hit `bytes`.
  const textBytes = contents.reduce((n, c) => n + c.length + 600, 4096 + 20 * size);
  const perImage = Math.max(width, Math.floor((bytes - textBytes) / pages / width) * width);

  const w = await PdfWriter.create(path);
  await w.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  await w.obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const kids = [];
  for (let i = 0; i < pages; i++) kids.push(`${pageObj(i)} 0 R`);
  await w.obj(2, `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>`);
  await w.obj(3, FONT);
  const rnd = { x: 0x2545f491 };
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < pages; i++) {
    const n = pageObj(i);
    await w.obj(
      n,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ` +
        `/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`,
    );
    await w.stream(n + 1, '', contents[i]);
    let len = perImage;
    if (i === pages - 1) {
      // The file size if the last image has length l: what is written, its
      // head, data and tail, then the xref table and trailer.
      const total = (l) => {
        const xrefAt = w.pos + imageHead(n + 2, l).length + l + imageTail.length;
        return xrefAt + PdfWriter.xrefLength(size, 1, xrefAt);
      };
      for (let k = 0; k < 3; k++) len = Math.max(width, len + Math.floor((bytes - total(len)) / width) * width);
    }
    w.offsets.set(n + 2, w.pos);
    await w.write(imageHead(n + 2, len));
    for (let left = len; left > 0; ) {
      const m = Math.min(left, chunk.length);
      // a copy: the writer may still hold the previous chunk when it is refilled
      await w.write(Buffer.from(fillRandom(chunk, rnd).subarray(0, m)));
      left -= m;
    }
    await w.write(imageTail);
  }
  await w.xref(size, 1);
  const written = await w.close();
  return { path, bytes: written, pages, markers: { ...BIG_PDF_MARKERS }, kind: 'big' };
}

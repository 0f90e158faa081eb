/**
 * Well-formed sample files for tests: a PNG, a JPEG and a PDF of any size, built from a seeded
 * generator so that the same seed always gives the same bytes (no chance of a flaky test).
 * Not imported by the application.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './files.inspect.js';

/** Deterministic bytes (xorshift32). */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** A PNG whose image data holds `payloadBytes` seeded bytes (stored, hence incompressible), plus extra chunks before IEND. */
export function samplePng(payloadBytes = 64, seed = 1, extraChunks: Buffer[] = []): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const idat = deflateSync(seededBytes(payloadBytes, seed), { level: 0 });
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), ...extraChunks, pngChunk('IEND', Buffer.alloc(0))]);
}

/** A baseline JPEG's structure (SOI, APP0, SOF0, SOS, entropy-coded data, EOI) around seeded scan data. */
export function sampleJpeg(scanBytes = 64, seed = 1): Buffer {
  const scan = seededBytes(scanBytes, seed);
  // Byte stuffing: every 0xFF in entropy-coded data is followed by 0x00.
  const stuffed: number[] = [];
  for (const b of scan) {
    stuffed.push(b);
    if (b === 0xff) stuffed.push(0x00);
  }
  return Buffer.concat([
    Buffer.from('ffd8', 'hex'),
    Buffer.from('ffe000104a46494600010100000100010000', 'hex'),
    Buffer.from('ffc0000b080001000101011100', 'hex'),
    Buffer.from('ffda0008010100003f00', 'hex'),
    Buffer.from(stuffed),
    Buffer.from('ffd9', 'hex'),
  ]);
}

/** A PDF with one stream of `streamBytes` seeded bytes. */
export function samplePdf(streamBytes = 64, seed = 1): Buffer {
  const stream = seededBytes(streamBytes, seed);
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

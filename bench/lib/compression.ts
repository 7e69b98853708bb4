import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { median } from './load.ts';

export interface CompressionResult {
  scenario: string;
  bytes: number;
  codecs: { codec: string; bytes: number; ratio: number; compressMs: number }[];
}

const CODECS: { codec: string; compress: (body: Buffer) => Buffer }[] = [
  { codec: 'gzip 1', compress: (b) => gzipSync(b, { level: 1 }) },
  { codec: 'gzip 6', compress: (b) => gzipSync(b, { level: 6 }) },
  { codec: 'brotli 4', compress: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
];

/** What compressing a response would cost the gateway (CPU ms, median of a few) and save on the wire. */
export function measureCompression(scenario: string, body: string): CompressionResult {
  const bytes = Buffer.from(body);
  return {
    scenario,
    bytes: bytes.length,
    codecs: CODECS.map(({ codec, compress }) => {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < 15; i += 1) {
        const started = performance.now();
        size = compress(bytes).length;
        times.push(performance.now() - started);
      }
      return { codec, bytes: size, ratio: Number((bytes.length / size).toFixed(1)), compressMs: Number(median(times.slice(3)).toFixed(2)) };
    }),
  };
}

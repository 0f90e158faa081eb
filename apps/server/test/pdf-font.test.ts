/**
 * The PDF font is configuration (config.ts): by default the Noto Sans SC file of the npm package
 * @embedpdf/fonts-sc, so printable PDFs need no system font; SEEDBED_CJK_FONT overrides it.
 */
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/platform/config.js';

describe('the PDF font', () => {
  it('defaults to the OpenType file of the npm package', () => {
    const font = readConfig({ NODE_ENV: 'test' }).cjkFont;
    expect(font?.file).toMatch(/node_modules\/@embedpdf\/fonts-sc\/fonts\/NotoSansHans-Regular\.otf$/);
    expect(existsSync(font!.file)).toBe(true);
    const magic = Buffer.alloc(4);
    const fd = openSync(font!.file, 'r');
    readSync(fd, magic, 0, 4, 0);
    closeSync(fd);
    expect(magic.toString('latin1')).toBe('OTTO');
  });

  it('SEEDBED_CJK_FONT names another file, and a face of a collection after #', () => {
    expect(readConfig({ NODE_ENV: 'test', SEEDBED_CJK_FONT: '/usr/share/fonts/x/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular' }).cjkFont).toEqual({
      file: '/usr/share/fonts/x/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKsc-Regular',
    });
    expect(readConfig({ NODE_ENV: 'test', SEEDBED_CJK_FONT: '/srv/fonts/wqy.ttf' }).cjkFont).toEqual({ file: '/srv/fonts/wqy.ttf' });
  });
});

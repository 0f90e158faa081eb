/**
 * Charts in documents the server writes (.docx briefings, PDFs): Apache ECharts renders the chart
 * on the server as SVG (its server-side rendering, no browser), and resvg turns the SVG into a PNG
 * with the Chinese font of printable documents, so Word and PDF readers show the same chart the
 * pages draw. The same option shape as the pages' charts; no animation.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

export interface ChartImage {
  png: Buffer;
  /** The size to place it at, in points (half the pixels: the PNG is drawn at twice the size). */
  width: number;
  height: number;
}

export function chartPng(option: echarts.EChartsOption, font: { file: string }, size: { width: number; height: number } = { width: 640, height: 320 }): ChartImage {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'CJK' }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      font: { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: 'CJK' },
      fitTo: { mode: 'zoom', value: 2 },
      background: 'white',
    })
      .render()
      .asPng();
    return { png, width: size.width, height: size.height };
  } finally {
    chart.dispose();
  }
}

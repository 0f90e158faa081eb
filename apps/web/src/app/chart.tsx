/**
 * Figures people compare are charts: one wrapper over Apache ECharts (tree-shaken: bar, line and
 * pie on the canvas renderer) that every page uses. Beside the canvas it renders the same figures
 * as a table for screen readers (`data-testid="<testId>-data"`), which the browser tests read to
 * assert the values drawn. Clicking a bar, point or slice calls `onSelect` with the category, so
 * a figure can drill down to its list.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  /** Shown in the legend and the tooltip. */
  name: string;
  /** One value per category, in the categories' order. */
  values: number[];
  /** Bars (default) or a line; a pie chart takes the first series only. */
  kind?: 'bar' | 'line';
  /** Bars of series with the same stack are stacked. */
  stack?: string;
  /** A colour that carries meaning (e.g. red for overdue); otherwise the palette's next. */
  color?: string;
}

export interface ChartProps {
  /** The chart's accessible name (also the data table's caption). */
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** `pie` draws the first series as slices; `horizontal` draws bars sideways (long category names). */
  type?: 'bar' | 'pie' | 'horizontal';
  /** Formats a value in the tooltip, axis and data table (e.g. money in 万元). */
  format?: (value: number) => string;
  /** Called with the index of the category clicked (a drill-down). */
  onSelect?: (categoryIndex: number, seriesIndex: number) => void;
  height?: number;
  testId?: string;
}

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#ff4d4f', '#13c2c2', '#722ed1', '#eb2f96', '#8c8c8c'];

export function Chart({ title, categories, series, type = 'bar', format = (v) => v.toLocaleString('zh-CN'), onSelect, height = 300, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const p = params as { dataIndex?: number; seriesIndex?: number };
      if (typeof p.dataIndex === 'number') select.current?.(p.dataIndex, p.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const tooltipValue = (v: unknown) => (typeof v === 'number' ? format(v) : String(v ?? ''));
    if (type === 'pie') {
      const first = series[0];
      instance.setOption(
        {
          color: PALETTE,
          aria: { enabled: true, label: { description: title } },
          tooltip: { trigger: 'item', valueFormatter: tooltipValue },
          legend: { type: 'scroll', bottom: 0 },
          series: [
            {
              type: 'pie',
              name: first?.name ?? title,
              radius: ['40%', '70%'],
              data: categories.map((c, i) => ({ name: c, value: first?.values[i] ?? 0 })),
              label: { formatter: '{b}' },
            },
          ],
        },
        true,
      );
      return;
    }
    const horizontal = type === 'horizontal';
    const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, hideOverlap: true, width: horizontal ? 120 : 80, overflow: 'truncate' as const } };
    // Counts (every value whole) never get ticks between whole numbers (no “0.5 家”).
    const whole = series.every((s) => s.values.every((v) => Number.isInteger(v)));
    const valueAxis = { type: 'value' as const, ...(whole ? { minInterval: 1 } : {}), axisLabel: { formatter: (v: number) => format(v) } };
    instance.setOption(
      {
        color: PALETTE,
        aria: { enabled: true, label: { description: title } },
        tooltip: { trigger: 'axis', valueFormatter: tooltipValue },
        legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
        grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({ type: s.kind ?? 'bar', name: s.name, data: s.values, stack: s.stack, barMaxWidth: 36, emphasis: { focus: 'series' }, ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}) })),
      },
      true,
    );
  }, [title, categories, series, type, format]);

  return (
    <figure style={{ margin: 0, position: 'relative' }} data-testid={testId}>
      <div ref={el} role="img" aria-label={title} style={{ width: '100%', height, cursor: onSelect ? 'pointer' : undefined }} />
      <table className="sb-visually-hidden" data-testid={testId ? `${testId}-data` : undefined}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {series.map((s) => (
                <td key={s.name} data-value={s.values[i] ?? 0}>
                  {format(s.values[i] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

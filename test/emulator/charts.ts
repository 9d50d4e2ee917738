/**
 * Embedded charts: the builder keeps a spec, the chart gives it back.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * Builder methods assemble a value in script memory and are not counted.
 */
import type { Book, ChartData, SheetData } from './book';
import type { SheetViews } from './views';

export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TIMELINE: 'TIMELINE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
} as const;

export class EmbeddedChartBuilder {
  readonly spec: Omit<ChartData, 'chartId'> & { chartId: string | null };

  constructor(
    private readonly book: Book,
    private readonly views: SheetViews,
    sheet: SheetData,
    from?: ChartData,
  ) {
    this.spec = from
      ? {
          ...from,
          ranges: [...from.ranges],
          options: new Map(from.options),
          position: { ...from.position },
        }
      : {
          chartId: null,
          chartType: ChartType.COLUMN,
          ranges: [],
          sheet,
          options: new Map(),
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
        };
  }

  setChartType(type: string): this {
    this.spec.chartType = type;
    return this;
  }
  asLineChart(): this {
    return this.setChartType(ChartType.LINE);
  }
  asColumnChart(): this {
    return this.setChartType(ChartType.COLUMN);
  }
  asBarChart(): this {
    return this.setChartType(ChartType.BAR);
  }
  asPieChart(): this {
    return this.setChartType(ChartType.PIE);
  }
  addRange(range: unknown): this {
    this.spec.ranges.push({
      ...this.views.unwrapRange(range, 'EmbeddedChartBuilder.addRange')._rect,
    });
    return this;
  }
  clearRanges(): this {
    this.spec.ranges = [];
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.spec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.spec.options.set(option, value);
    return this;
  }
  setTitle(title: string): this {
    return this.setOption('title', title);
  }
  getChartType(): string {
    return this.spec.chartType;
  }
  getRanges(): unknown[] {
    return this.spec.ranges.map((r) =>
      this.views.range(this.spec.sheet, r.row, r.column, r.numRows, r.numColumns),
    );
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    const data: ChartData = { ...this.spec, chartId: this.spec.chartId ?? this.book.newChartId() };
    return this.views.chart(data);
  }
}

export class EmbeddedChartImpl {
  constructor(
    readonly _book: Book,
    readonly _views: SheetViews,
    readonly _data: ChartData,
  ) {}

  getChartId(): string | null {
    return this._book.charts.some((c) => c.chartId === this._data.chartId)
      ? this._data.chartId
      : null;
  }
  getRanges(): unknown[] {
    const { sheet } = this._data;
    return this._data.ranges.map((r) =>
      this._views.range(sheet, r.row, r.column, r.numRows, r.numColumns),
    );
  }
  getOptions(): { get(option: string): unknown } {
    const options = new Map(this._data.options);
    return this._book.env.counted(
      { get: (option: string) => options.get(option) ?? null },
      'ChartOptions',
    );
  }
  getContainerInfo(): unknown {
    const { position } = this._data;
    return this._book.env.counted(
      {
        getAnchorRow: () => position.row,
        getAnchorColumn: () => position.column,
        getOffsetX: () => position.offsetX,
        getOffsetY: () => position.offsetY,
      },
      'ContainerInfo',
    );
  }
  getType(): string {
    return this._data.chartType;
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._book, this._views, this._data.sheet, this._data);
  }
}

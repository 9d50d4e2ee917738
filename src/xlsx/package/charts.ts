/**
 * A generated tab's charts as native DrawingML: one drawing part anchoring a chart part per
 * ChartSpec, each series referring to the tab's own cells (with a cache of their values, so an
 * application that does not recalculate still draws them). Excel, WPS and LibreOffice draw
 * these line and clustered-column charts.
 */
import type { CellValue } from '../../workbook/cells';
import { columnLetter } from '../../workbook/cells';
import type { ChartSpec } from '../../workbook/port';
import type { XlsxPackage } from './package';
import { CONTENT_TYPE, REL } from './package';
import { escapeAttribute, escapeText } from './xml';

/** Google Sheets' first series colour. */
const SERIES_COLOUR = '4285F4';
/** English Metric Units per pixel at 96 dpi. */
const EMU_PER_PIXEL = 9525;

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Writes the drawing and chart parts of a sheet's charts; returns the sheet's r:id for <drawing>. */
export function writeChartParts(
  pkg: XlsxPackage,
  sheetPart: string,
  sheetName: string,
  charts: readonly ChartSpec[],
  cells: readonly (readonly CellValue[])[],
): string {
  const drawingPart = pkg.freeName('xl/drawings/drawing', '.xml');
  pkg.write(drawingPart, '');
  pkg.setContentType(drawingPart, CONTENT_TYPE.drawing);
  const anchors = charts.map((chart, index) => {
    const chartPart = pkg.freeName('xl/charts/chart', '.xml');
    pkg.write(chartPart, chartXml(chart, sheetName, cells));
    pkg.setContentType(chartPart, CONTENT_TYPE.chart);
    const id = pkg.addRelationship(drawingPart, REL.chart, chartPart);
    return anchorXml(chart, id, index + 1);
  });
  pkg.write(
    drawingPart,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${anchors.join('')}</xdr:wsDr>`,
  );
  return pkg.addRelationship(sheetPart, REL.drawing, drawingPart);
}

function anchorXml(chart: ChartSpec, relationshipId: string, id: number): string {
  return (
    '<xdr:oneCellAnchor>' +
    `<xdr:from><xdr:col>${chart.anchor.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${chart.anchor.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${chart.width * EMU_PER_PIXEL}" cy="${chart.height * EMU_PER_PIXEL}"/>` +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${escapeAttribute(`Chart ${id}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${relationshipId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

function reference(sheetName: string, column: number, fromRow: number, toRow: number): string {
  const letter = columnLetter(column);
  const sheet = `'${sheetName.replace(/'/g, "''")}'`;
  return fromRow === toRow
    ? `${sheet}!$${letter}$${fromRow}`
    : `${sheet}!$${letter}$${fromRow}:$${letter}$${toRow}`;
}

function cellAt(cells: readonly (readonly CellValue[])[], row: number, column: number): CellValue {
  return cells[row - 1]?.[column - 1] ?? '';
}

function textOf(value: CellValue): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

function stringCache(values: readonly CellValue[]): string {
  const points = values.map(
    (value, index) => `<c:pt idx="${index}"><c:v>${escapeText(textOf(value))}</c:v></c:pt>`,
  );
  return `<c:strCache><c:ptCount val="${values.length}"/>${points.join('')}</c:strCache>`;
}

function numberCache(values: readonly CellValue[]): string {
  const points = values
    .map((value, index) =>
      typeof value === 'number' && Number.isFinite(value)
        ? `<c:pt idx="${index}"><c:v>${value}</c:v></c:pt>`
        : '',
    )
    .join('');
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

function chartXml(
  chart: ChartSpec,
  sheetName: string,
  cells: readonly (readonly CellValue[])[],
): string {
  const { row, column, numRows, numColumns } = chart.range;
  const firstData = row + 1;
  const lastData = row + numRows - 1;
  const labels: CellValue[] = [];
  for (let r = firstData; r <= lastData; r += 1) labels.push(cellAt(cells, r, column));
  const series: string[] = [];
  let negative = false;
  for (let offset = 1; offset < numColumns; offset += 1) {
    const valueColumn = column + offset;
    const values: CellValue[] = [];
    for (let r = firstData; r <= lastData; r += 1) values.push(cellAt(cells, r, valueColumn));
    negative ||= values.some((value) => typeof value === 'number' && value < 0);
    // Colours spelled out: LibreOffice draws no line or bar for a series left "automatic".
    const shape =
      chart.kind === 'line'
        ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${SERIES_COLOUR}"/></a:solidFill><a:round/></a:ln></c:spPr>`
        : `<c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLOUR}"/></a:solidFill></c:spPr>`;
    const marker =
      chart.kind === 'line'
        ? `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLOUR}"/></a:solidFill></c:spPr></c:marker>`
        : '<c:invertIfNegative val="0"/>';
    series.push(
      `<c:ser><c:idx val="${offset - 1}"/><c:order val="${offset - 1}"/>` +
        `<c:tx><c:strRef><c:f>${escapeText(reference(sheetName, valueColumn, row, row))}</c:f>${stringCache([cellAt(cells, row, valueColumn)])}</c:strRef></c:tx>` +
        shape +
        marker +
        `<c:cat><c:strRef><c:f>${escapeText(reference(sheetName, column, firstData, lastData))}</c:f>${stringCache(labels)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeText(reference(sheetName, valueColumn, firstData, lastData))}</c:f>${numberCache(values)}</c:numRef></c:val>` +
        (chart.kind === 'line' ? '<c:smooth val="0"/>' : '') +
        '</c:ser>',
    );
  }
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  // Bars start at zero: left to itself, a reader starts the axis near the smallest bar when the
  // bars are close (quarters of ¥402,430 and ¥404,250 printed as one bar three times another).
  const zero = chart.kind === 'column' && !negative ? '<c:min val="0"/>' : '';
  const plot =
    chart.kind === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join('')}<c:gapWidth val="150"/>${axes}</c:barChart>`;
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1400" b="1"/><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title>';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}">` +
    '<c:roundedCorners val="0"/>' +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}` +
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>${zero}</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '</c:chartSpace>'
  );
}

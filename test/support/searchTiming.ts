/**
 * The type-ahead's speed where it runs, in chromium: src/ui/sidebar-common/search.ts bundled as
 * the pages bundle it, 2,000 residents with common Chinese names, and the time each query takes
 * (median and worst of several runs, each run a fresh search over all 2,000). Shared by
 * bench/sidebars.ts (which prints the figures) and the browser test (which holds them < 16 ms).
 */
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { BrowserContext } from 'playwright-core';

export const RESIDENTS = 2_000;
export const QUERIES = ['w', 'wxy', 'wangxiu', 'zhang', '秀', 'R1', 'R1999', 'lgl', 'zf', 'qqqq'];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '秀英桂兰凤芳丽华敏静玉梅红霞建国志强明秋菊淑珍凤琴翠云春燕海燕金花美玲慧娟小红建华德福永刚';

/** Deterministic residents: R1…R2000, two- and three-character names, every 9th inactive. */
export function residents(count = RESIDENTS): { id: string; name: string; active: boolean }[] {
  return Array.from({ length: count }, (_, i) => {
    const surname = SURNAMES.charAt((i * 7) % SURNAMES.length);
    const first = GIVEN.charAt((i * 13) % GIVEN.length);
    const second = i % 3 === 0 ? '' : GIVEN.charAt((i * 29 + 5) % GIVEN.length);
    return { id: `R${i + 1}`, name: `${surname}${first}${second}`, active: i % 9 !== 0 };
  });
}

async function searchScript(): Promise<string> {
  const root = path.resolve(__dirname, '..', '..');
  const built = await esbuild.build({
    stdin: {
      contents:
        "import { ResidentSearch } from './src/ui/sidebar-common/search';\n(globalThis as any).ResidentSearch = ResidentSearch;",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    logLevel: 'silent',
  });
  return built.outputFiles[0]?.text ?? '';
}

export interface QueryTiming {
  readonly query: string;
  readonly found: number;
  readonly medianMs: number;
  readonly worstMs: number;
}

export interface SearchTimings {
  /** Building the index (each character's initials), once when the sidebar opens. */
  readonly indexMs: number;
  readonly queries: QueryTiming[];
}

export async function timeSearch(context: BrowserContext, runs = 15): Promise<SearchTimings> {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ content: await searchScript() });
    return await page.evaluate(
      ({ list, queries, runs }) => {
        type Search = { find(q: string, limit?: number): unknown[] };
        const Search = (
          globalThis as unknown as { ResidentSearch: new (l: unknown[], r: string[]) => Search }
        ).ResidentSearch;
        const started = performance.now();
        const search = new Search(list, ['R5', 'R17']);
        const indexMs = performance.now() - started;
        const timings = queries.map((query) => {
          const times: number[] = [];
          let found = 0;
          for (let run = 0; run < runs; run += 1) {
            const t0 = performance.now();
            found = search.find(query, 8).length;
            times.push(performance.now() - t0);
          }
          times.sort((a, b) => a - b);
          return {
            query,
            found,
            medianMs: times[Math.floor(times.length / 2)] ?? 0,
            worstMs: times[times.length - 1] ?? 0,
          };
        });
        return { indexMs, queries: timings };
      },
      { list: residents(), queries: QUERIES, runs },
    );
  } finally {
    await page.close();
  }
}

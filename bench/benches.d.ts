/**
 * The bench modules found beside bench.ts at build time: scripts/build.mjs resolves this
 * virtual module to one import per bench/<area>.ts that is not bench.ts itself.
 */
declare module 'gongfang:benches' {
  export interface BenchModule {
    readonly name: string;
    readonly run: unknown;
  }
  export const benches: readonly BenchModule[];
}

/**
 * `npm run bench`: runs each bench/<area>.ts module's exported `run()` in turn, in one process,
 * and prints how long each took. `npm run bench -- month cli` runs only the named ones.
 */
import { benches } from 'gongfang:benches';

type Run = () => Promise<void> | void;

/**
 * exceljs's streaming writer, which the cli and yearEnd benches write their big ledgers with,
 * calls the deprecated new Buffer() (in archiver-utils). Node keeps quiet about calls from under
 * node_modules, but bundled into bench.js they are not, and every run printed DEP0005 among the
 * figures, as if ours. Not our code to fix: that one warning is dropped, no other.
 */
function dropDependencyBufferWarning(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const quiet = (warning: unknown, ...rest: unknown[]): void => {
    const [type, code] = rest;
    const named =
      typeof type === 'object' && type !== null ? (type as { code?: unknown }).code : code;
    if (named !== 'DEP0005') emit(warning, ...rest);
  };
  process.emitWarning = quiet as typeof process.emitWarning;
}

function isRun(value: unknown): value is Run {
  return typeof value === 'function';
}

async function main(selected: readonly string[]): Promise<number> {
  const chosen = benches.filter((b) => selected.length === 0 || selected.includes(b.name));
  const unknown = selected.filter((name) => !benches.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown bench ${unknown.join(', ')}; have: ${benches.map((b) => b.name).join(', ')}`,
    );
    return 2;
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  let failed = 0;
  for (const bench of chosen) {
    console.log(`\n== ${bench.name} ==`);
    const started = performance.now();
    try {
      if (!isRun(bench.run)) throw new Error(`bench/${bench.name}.ts exports no run() function`);
      await bench.run();
      console.log(`== ${bench.name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    } catch (error) {
      failed += 1;
      console.error(`== ${bench.name} FAILED:`, error);
    }
  }
  return failed === 0 ? 0 : 1;
}

dropDependencyBufferWarning();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

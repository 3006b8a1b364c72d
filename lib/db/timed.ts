import { log } from "../log";

// Times a read we promise to keep fast (feed pages, charts) and logs it, so
// the figure can be checked in the logs of a real deployment, not only in a
// benchmark.
export async function timed<T>(query: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    log.info({ query, ms: Math.round((performance.now() - started) * 10) / 10 }, "query timed");
  }
}

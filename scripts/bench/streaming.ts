// Section 4 of `npm run bench`: what the path adds to an answer that streams.
// Provider times come from the simulator's timeline, caller times from this
// process, both on the epoch clock (performance.timeOrigin + now()).
// Import this only once the benchmark's environment is set (see agents.ts).
import { agentsWithKeys, agentWithKey, type TBenchAgent } from "./agents";
import { fmt, percentile, runClients, table } from "./load";
import { readRss, samplePeakRss } from "./rss";
import { streamTurn, type TArrivals, timelineOf } from "./stream-client";

type TStreamingBench = { simulatorUrl: string; app: string; pids: Record<string, number> };

const PACED = "sim-chunks-20-50";
const BROKEN = "sim-cut-after-10-50";
// Chunks of 52,429 bytes: 20 make about 1 MiB per answer, 80 about 4 MiB.
// The second run tells whether memory follows the size of an answer.
const HUGE = [
  { key: "sim-chunks-20-0-52429", size: "1 MiB" },
  { key: "sim-chunks-80-0-52429", size: "4 MiB" },
];
const RUNS = [
  { clients: 1, turns: 20 },
  { clients: 32, turns: 64 },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Turn i is agents[i]'s only turn, so the timelines of its keys are its own.
async function streamAll(bench: TStreamingBench, clients: number, agents: TBenchAgent[]): Promise<TArrivals[]> {
  const answers: TArrivals[] = [];
  await runClients({
    clients,
    total: agents.length,
    call: async (i) => {
      answers[i] = await streamTurn(bench.app, agents[i]!, `question ${i}`).catch(() => ({ ok: false, bytes: 0, at: [] }));
      return answers[i].ok;
    },
  });
  return answers;
}

// The provider's side of turn i: the call that key answered last.
async function providerSide(bench: TStreamingBench, key: string) {
  const timeline = await timelineOf(bench.simulatorUrl, key);
  const chunks = timeline?.chunks.at(-1);
  const requestAt = timeline?.requestAt.at(-1);
  return chunks && requestAt !== undefined ? { requestAt, chunks } : undefined;
}

// Caller arrival times of pieces c1..c<n>, or undefined if any is missing.
function allPieces(answer: TArrivals | undefined, n: number): number[] | undefined {
  if (!answer?.ok) return undefined;
  const at = answer.at.slice(0, n);
  return at.length === n && at.every((t) => t !== undefined) ? (at as number[]) : undefined;
}

type TFigure = { figure: string; clients: number; answers: number; values: number[]; target: string; unmeasured: number };
const row = ({ figure, clients, answers, values, target, unmeasured }: TFigure) => ({
  figure,
  clients,
  answers,
  p50: fmt(percentile(values, 50)),
  p99: fmt(percentile(values, 99)),
  "target (p50)": target,
  "failed or unmeasured": unmeasured,
});

async function pacing(bench: TStreamingBench) {
  const rows = [];
  for (const { clients, turns } of RUNS) {
    const agents = await agentsWithKeys(turns, { simulatorUrl: bench.simulatorUrl, primaryKey: PACED });
    const answers = await streamAll(bench, clients, agents);
    const firstByte: number[] = [];
    const growth: number[] = [];
    let unmeasured = 0;
    for (const [i, agent] of agents.entries()) {
      const client = allPieces(answers[i], 20);
      const sent = (await providerSide(bench, agent.providerKeys.primary))?.chunks;
      if (!client || sent?.length !== 20) {
        unmeasured += 1;
        continue;
      }
      firstByte.push(client[0]! - sent[0]!);
      for (let k = 1; k < 20; k++) growth.push(client[k]! - client[k - 1]! - (sent[k]! - sent[k - 1]!));
    }
    const measured = { clients, answers: firstByte.length, unmeasured };
    rows.push(row({ figure: "first byte after the provider's", values: firstByte, target: "≤ 15 ms", ...measured }));
    rows.push(row({ figure: "chunk spacing growth", values: growth, target: "≤ 2 ms", ...measured }));
  }
  return rows;
}

// The wait at the break beyond the backup's own time to first token: how
// long noticing the break and switching to the backup kept the caller waiting.
async function breaks(bench: TStreamingBench) {
  const rows = [];
  for (const { clients, turns } of RUNS) {
    const agents = await agentsWithKeys(turns, { simulatorUrl: bench.simulatorUrl, primaryKey: BROKEN, backupKey: PACED });
    const answers = await streamAll(bench, clients, agents);
    const gaps: number[] = [];
    const backupFirstToken: number[] = [];
    for (const [i, agent] of agents.entries()) {
      const client = allPieces(answers[i], 20);
      const backup = await providerSide(bench, agent.providerKeys.backup);
      if (!client || backup?.chunks[0] === undefined) continue;
      gaps.push(client[10]! - client[9]!);
      backupFirstToken.push(backup.chunks[0] - backup.requestAt);
    }
    const extra = gaps.map((gap, i) => gap - backupFirstToken[i]!);
    rows.push({
      clients,
      answers: gaps.length,
      "gap c10→c11 p50": fmt(percentile(gaps, 50)),
      "backup's own first token p50": fmt(percentile(backupFirstToken, 50)),
      "extra wait p50": fmt(percentile(extra, 50)),
      "extra wait p99": fmt(percentile(extra, 99)),
      "target (p50)": "≤ 10 ms",
      "failed or unmeasured": turns - gaps.length,
    });
  }
  return rows;
}

const mib = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? `${n.toFixed(1)} MiB` : "n/a");

async function memory(bench: TStreamingBench, huge: (typeof HUGE)[number]) {
  const agents = await agentsWithKeys(32, { simulatorUrl: bench.simulatorUrl, primaryKey: huge.key });
  await sleep(1000);
  const before = readRss(bench.pids);
  const sampler = samplePeakRss(bench.pids);
  const answers = await streamAll(bench, 32, agents);
  const peak = sampler.stop();
  await sleep(2000);
  const after = readRss(bench.pids);
  const read = answers.reduce((sum, a) => sum + a.bytes, 0) / 2 ** 20;
  const failed = answers.filter((a) => !a.ok).length;
  return Object.keys(bench.pids).map((name) => ({
    answers: `32 × ${huge.size} (${read.toFixed(1)} MiB read, ${failed} failed)`,
    process: name,
    before: mib(before[name]),
    peak: mib(peak[name]),
    after: mib(after[name]),
    "peak − before": mib((peak[name] ?? NaN) - (before[name] ?? NaN)),
    target: "flat",
  }));
}

// The first turns through a cold web process and workers are not the ones to time.
async function warmUp(bench: TStreamingBench) {
  const agent = await agentWithKey({ simulatorUrl: bench.simulatorUrl, primaryKey: "sim-chunks-5-10" });
  await runClients({ clients: 4, total: 16, call: async (i) => (await streamTurn(bench.app, agent, `warm up ${i}`)).ok });
}

export async function streamingSection(bench: TStreamingBench) {
  await warmUp(bench);
  console.log(`\n4. Streaming (API stream: true)\n\n4a. Provider streams ${PACED} (20 chunks, 50 ms apart); growth is per gap between two chunks`);
  console.log(table(await pacing(bench)));
  console.log(`\n4b. Break continued by the backup: primary ${BROKEN}, backup ${PACED}; extra wait = gap at the break − backup's own time to first token`);
  console.log(table(await breaks(bench)));
  const rows = [];
  for (const huge of HUGE) rows.push(...(await memory(bench, huge)));
  console.log(
    "\n4c. Resident memory (VmRSS, sampled every 200 ms) while 32 answers stream at once and the callers read and drop the bytes: " +
      HUGE.map((h) => h.key).join(", then "),
  );
  console.log(table(rows));
}

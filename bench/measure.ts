// Timing and plan helpers for the benchmark.

export interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export async function time(run: () => Promise<unknown>, runs = 40, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), min: samples[0] ?? 0, max: samples[samples.length - 1] ?? 0, runs };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** "Limit > Nested Loop > Index Scan (payments_status_created_idx) ..." in tree order. */
export function planNodeTypes(plan: PlanNode): string[] {
  const name = plan['Index Name'] ? `${plan['Node Type']} (${plan['Index Name']})` : plan['Node Type'];
  return [name, ...(plan.Plans ?? []).flatMap(planNodeTypes)];
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// `npx tsx bench/top-frames.ts <dir or .cpuprofile> [--top 25]`: where a process spent its CPU, from the
// profiles `npm run bench -- --cpu-prof DIR` has each gateway write: self time per function and per
// package, heaviest first.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const paths = args.filter((a, i) => !a.startsWith('--') && (topIndex < 0 || i !== topIndex + 1));
if (paths.length === 0) {
  console.error('usage: npx tsx bench/top-frames.ts <dir or .cpuprofile>… [--top 25]');
  process.exit(2);
}

function walk(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((entry) => walk(join(path, entry)));
  return path.endsWith('.cpuprofile') ? [path] : [];
}
const files = paths.flatMap((path) => walk(path));

function packageOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:') || url === '') return url === '' ? '(native / GC / idle)' : 'node core';
  const ours = /\/(gateway|subgraphs\/[^/]+|scripts|bench)\//.exec(url);
  return ours ? ours[1] : url;
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|subgraphs|scripts|bench)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byPackage.set(packageOf(url), (byPackage.get(packageOf(url)) ?? 0) + ms);
  }
  const idle = [...selfMs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, ms]) => a + ms, 0);
  const busy = total - idle;
  const show = (title: string, map: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
    }
  };
  // Profiles are named by pid; which service it was shows in the code it ran.
  const services = new Map<string, number>();
  for (const node of profile.nodes) {
    const service = /\/(gateway|subgraphs\/(?!kit\/)[^/]+)\//.exec(node.callFrame.url)?.[1];
    if (service) services.set(service, (services.get(service) ?? 0) + 1);
  }
  const service = [...services].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
  console.log(`\n== ${service}`);
  console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (percentages of busy time)`);
  // Total time: a function's own time plus everything it called, counted once per stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|subgraphs|scripts|bench)\//, '$1/')}:${lineNumber + 1}`;
  };
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(at);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  show('by package:', byPackage, 15);
  show('by function (self time):', byFunction, top);
  show('by function (total time):', inclusive, top);
}

import { cpus, loadavg, release, totalmem } from 'node:os';
import mysql from 'mysql2/promise';

export interface MachineDescription {
  cpuModel: string;
  cpus: number;
  memoryGb: number;
  os: string;
  node: string;
  database: string;
  /** InnoDB buffer pool, MB: whether a data set's indexes fit in memory decides much at 1,000,000. */
  bufferPoolMb: number;
  /** 1, 5 and 15-minute load averages when the run started and when it ended. */
  loadAverage: { start: number[]; end?: number[] };
  date: string;
}

export async function describeMachine(serverUrl: string): Promise<MachineDescription> {
  const connection = await mysql.createConnection(serverUrl);
  try {
    const [[version]] = (await connection.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool')) as unknown as [{ v: string; pool: string }[]];
    return {
      cpuModel: cpus()[0]?.model ?? 'unknown',
      cpus: cpus().length,
      memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
      os: `${process.platform} ${release()}`,
      node: process.version,
      database: version.v,
      bufferPoolMb: Math.round(Number(version.pool) / 2 ** 20),
      loadAverage: { start: loadavg().map((l) => Number(l.toFixed(2))) },
      date: new Date().toISOString(),
    };
  } finally {
    await connection.end();
  }
}

import os from 'node:os';
import type { BenchOptions } from '../benchOptions.ts';
import type { LoadSettings } from '../workload/editingLoad.ts';

/** Prints what is measured, on what machine, with which server settings. */
export function printHeader(options: BenchOptions, settings: LoadSettings): void {
  const cpus = os.cpus();
  console.log(`Concerto collaboration benchmark, ${new Date().toISOString()}`);
  console.log(
    `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
  );
  console.log(
    `Load: ${options.spaces} spaces x ${options.participants} participants = ${options.spaces * options.participants} ` +
      `clients in ${options.workers} processes (y-websocket WebsocketProvider; HocuspocusProvider for ` +
      `Hocuspocus); each types a few words every ` +
      `${settings.pauseMs.min / 1000}-${settings.pauseMs.max / 1000} s; ${options.durationSeconds} s measured ` +
      `after ${settings.warmupMs / 1000} s of warm-up.`,
  );
  if (options.instances > 1) {
    console.log(
      `Instances: ${options.instances} of each server, a redis-server between them (pub/sub); each space's ` +
        'participants are dealt round-robin over the instances, so most remote applies cross instances.',
    );
    console.log(
      'Database: one MongoDB wire-protocol stand-in process shared by the Concerto instances (no real mongod here).',
    );
    return;
  }
  console.log(
    'Database: the MongoDB wire-protocol stand-in, in its own process started by the server (no real mongod here).',
  );
  console.log(
    'Server 1 (editing load): default collaboration settings (writes within 100 ms, compaction after 200 ' +
      'records). Server 2, restarted on the same data (cold loads, bytes after compaction): idle documents ' +
      'unloaded after 100 ms, compaction from 2 records.',
  );
}

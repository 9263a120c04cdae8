// A worker process of the bench: runs its share of the simulated participants, on commands from the
// parent (see workerMessages.ts). Exits when told to, or as soon as the parent goes away.
import { epochNow } from './clock.ts';
import { EditLedger } from './editLedger.ts';
import { Participant } from './participant.ts';
import type { ConnectCommand, WorkerCommand, WorkerReport } from './workerMessages.ts';

const ledger = new EditLedger();
const participants: Participant[] = [];
// Each WebsocketProvider listens to the process `exit` event; hundreds of them are expected here.
process.setMaxListeners(0);

function report(message: WorkerReport): void {
  process.send?.(message);
}

async function connect(command: ConnectCommand): Promise<WorkerReport> {
  const startedAt = epochNow();
  const deadline = startedAt + command.timeoutMs;
  let synced = 0;
  for (let first = 0; first < command.participants.length; first += command.concurrency) {
    const batch = command.participants.slice(first, first + command.concurrency).map((plan, offset) => {
      const participant = new Participant(command.protocol, plan, `Participant ${first + offset}`, ledger);
      participants.push(participant);
      return participant;
    });
    const outcomes = await Promise.all(batch.map((participant) => participant.synced(deadline - epochNow())));
    synced += outcomes.filter(Boolean).length;
  }
  const failed = command.participants.length - synced;
  return { kind: 'connected', synced, failed, elapsedMs: epochNow() - startedAt };
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.kind) {
    case 'connect':
      return report(await connect(command));
    case 'edit':
      ledger.measure(command.measureFrom, command.measureUntil);
      for (const participant of participants) {
        participant.startEditing(command.startAt, command.measureUntil, command.pauseMs);
      }
      return;
    case 'stop': {
      for (const participant of participants) participant.stopEditing();
      await ledger.drained(1000, command.drainMs);
      const disconnects = participants.reduce((total, participant) => total + participant.disconnects, 0);
      const savingDelayed = participants.reduce(
        (total, participant) => total + participant.savingDelayedNotices,
        0,
      );
      const stateVectors = participants.map((participant): [string, string] => [
        participant.plan.spaceId,
        participant.stateVector(),
      ]);
      return report({ kind: 'result', result: ledger.result(disconnects, savingDelayed, stateVectors) });
    }
    case 'close':
      for (const participant of participants.splice(0)) participant.close();
      report({ kind: 'closed' });
      // Let the closing frames leave before the process ends.
      setTimeout(() => process.exit(0), 200);
      return;
  }
}

process.on('message', (command: WorkerCommand) => {
  handle(command).catch((error: unknown) => report({ kind: 'failed', message: String(error) }));
});
process.on('disconnect', () => process.exit(0));

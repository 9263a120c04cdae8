import type { Logger } from 'pino';
import { decodeJson, encodeJson, type ClusterBus } from './clusterBus.ts';

interface Envelope<Value> {
  from: string;
  value: Value;
}

/**
 * JSON announcements on one bus channel between instances: `send` publishes for the other instances,
 * `listen` hears theirs (an instance's own messages come back from Redis and are skipped: it acted on
 * them already, at once). A failed publish is logged; the sending instance has acted all the same.
 */
export class InstanceChannel<Value> {
  constructor(
    private readonly bus: ClusterBus,
    private readonly name: string,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {}

  /** Tells the other instances. */
  send(value: Value): void {
    const envelope: Envelope<Value> = { from: this.instanceId, value };
    this.bus.publish(this.name, encodeJson(envelope)).catch((error: unknown) => {
      this.logger.error(
        { err: error, channel: this.name },
        'announcement not carried to the other instances',
      );
    });
  }

  /** Hears what the other instances send; returns the function that stops listening. */
  listen(listener: (value: Value) => void): () => void {
    return this.bus.subscribe(this.name, (message) => {
      const envelope = decodeJson<Envelope<Value>>(message);
      if (envelope.from !== this.instanceId) listener(envelope.value);
    });
  }
}

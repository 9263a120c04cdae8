import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ClusterBus } from '../cluster/clusterBus.ts';
import type { InstanceChannel } from '../cluster/instanceChannel.ts';
import {
  LocalPresences,
  uniqueParticipants,
  type PresenceEntry,
  type PresentParticipant,
  type RoomExit,
  type RoomPresence,
  type RoomTouch,
} from './roomPresence.ts';

const presenceKey = (concertationId: string) => `concerto:room:${concertationId}:presence`;
const livenessKey = (instanceId: string) => `concerto:instance:${instanceId}`;
const instancesKey = 'concerto:instances';
/** An instance says it lives this often; one silent for `livenessMs` is dead (killed, cut off). */
const heartbeatMs = 1000;
const livenessMs = 5000;

/**
 * Presence over Redis: one hash per room, a field per socket (`instance/socket`). Each instance proves it
 * lives with a key that expires; the participants of a dead instance are dropped and the rooms told. The
 * instance keeps its own sockets in memory too: they are written back whenever Redis returns empty.
 */
export class RedisRoomPresence implements RoomPresence {
  private readonly local = new LocalPresences();
  private readonly touches = new EventEmitter().setMaxListeners(0);
  /** Removals Redis did not take while it was away, by room: made when it returns. */
  private readonly unremoved = new Map<string, Set<string>>();
  /** The other instances' participants as last read, by room: shown while Redis is away. */
  private readonly lastKnown = new Map<string, PresenceEntry[]>();
  private readonly stops: (() => void)[] = [];
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    bus: ClusterBus,
    private readonly channel: InstanceChannel<RoomTouch>,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    this.stops.push(channel.listen((touch) => this.touches.emit('touch', touch)));
    this.stops.push(bus.onReconnect(() => void this.restore()));
    this.heartbeat = setInterval(() => void this.beat(), heartbeatMs);
    this.heartbeat.unref();
    void this.beat();
  }

  private field(socketId: string): string {
    return `${this.instanceId}/${socketId}`;
  }

  async enter(concertationId: string, socketId: string, participant: PresentParticipant): Promise<void> {
    const entry = this.local.add(concertationId, socketId, participant);
    this.unremoved.get(concertationId)?.delete(this.field(socketId));
    // While Redis is away the entry lives here only; `restore` writes it when Redis returns.
    await this.redis
      .hset(presenceKey(concertationId), this.field(socketId), JSON.stringify(entry))
      .catch((error: unknown) => this.logger.debug({ err: error }, 'presence not written: Redis away'));
  }

  async exit(concertationId: string, socketId: string): Promise<RoomExit | null> {
    const removed = this.local.remove(concertationId, socketId);
    if (!removed) return null;
    await this.redis.hdel(presenceKey(concertationId), this.field(socketId)).catch(() => {
      const fields = this.unremoved.get(concertationId) ?? new Set<string>();
      this.unremoved.set(concertationId, fields.add(this.field(socketId)));
    });
    const participantKey = removed.participant.key;
    const remaining = await this.participants(concertationId);
    if (this.local.entries(concertationId).length === 0) this.lastKnown.delete(concertationId);
    return {
      participantKey,
      stillPresent: remaining.some((participant) => participant.key === participantKey),
    };
  }

  async participants(concertationId: string): Promise<PresentParticipant[]> {
    const own = this.local.entries(concertationId).map(([, entry]) => entry);
    // Redis away: the others as last seen, until Redis returns and every instance writes its own again.
    const others = await this.othersIn(concertationId).then(
      (entries) => {
        this.lastKnown.set(concertationId, entries);
        return entries;
      },
      () => this.lastKnown.get(concertationId) ?? [],
    );
    return uniqueParticipants([...own, ...others]);
  }

  /** The entries of the other living instances; fields of dead ones are removed on the way. */
  private async othersIn(concertationId: string): Promise<PresenceEntry[]> {
    const fields = Object.entries(await this.redis.hgetall(presenceKey(concertationId)));
    const instanceOf = (field: string) => field.slice(0, field.indexOf('/'));
    const instances = [...new Set(fields.map(([field]) => instanceOf(field)))].filter(
      (instanceId) => instanceId !== this.instanceId,
    );
    const living = new Set<string>();
    if (instances.length > 0) {
      const proofs = await this.redis.mget(instances.map(livenessKey));
      instances.forEach((instanceId, index) => proofs[index] && living.add(instanceId));
    }
    const dead = fields.filter(
      ([field]) => !living.has(instanceOf(field)) && instanceOf(field) !== this.instanceId,
    );
    if (dead.length > 0)
      void this.redis
        .hdel(presenceKey(concertationId), ...dead.map(([field]) => field))
        .catch(() => undefined);
    return fields
      .filter(([field]) => living.has(instanceOf(field)))
      .map(([, value]) => JSON.parse(value) as PresenceEntry);
  }

  touch(touch: RoomTouch): void {
    this.channel.send(touch);
  }

  onTouched(listener: (touch: RoomTouch) => void): () => void {
    this.touches.on('touch', listener);
    return () => this.touches.off('touch', listener);
  }

  /** Says this instance lives; the first to notice that another died tells every room. */
  private async beat(): Promise<void> {
    try {
      const [, , members] = (await this.redis
        .multi()
        .set(livenessKey(this.instanceId), '1', 'PX', livenessMs)
        .sadd(instancesKey, this.instanceId)
        .smembers(instancesKey)
        .exec()) as [unknown, unknown, [Error | null, string[]]];
      const others = members[1].filter((instanceId) => instanceId !== this.instanceId);
      if (others.length === 0) return;
      const proofs = await this.redis.mget(others.map(livenessKey));
      const dead = others.filter((_, index) => !proofs[index]);
      const removed = await Promise.all(dead.map((instanceId) => this.redis.srem(instancesKey, instanceId)));
      if (removed.some((count) => count > 0)) {
        this.logger.warn(
          { instances: dead },
          'instances stopped answering: their participants leave the rooms',
        );
        this.touches.emit('touch', { concertationId: null });
        this.channel.send({ concertationId: null });
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'presence heartbeat missed: Redis away');
    }
  }

  /** Redis came back (perhaps empty): writes this instance's participants again, then every room re-reads. */
  private async restore(): Promise<void> {
    try {
      await this.beat();
      for (const [concertationId, fields] of this.unremoved) {
        await this.redis.hdel(presenceKey(concertationId), ...fields);
        this.unremoved.delete(concertationId);
      }
      for (const concertationId of this.local.roomIds()) {
        const entries = this.local.entries(concertationId);
        const values = entries.flatMap(([socketId, entry]) => [this.field(socketId), JSON.stringify(entry)]);
        if (values.length > 0) await this.redis.hset(presenceKey(concertationId), ...values);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'presence not restored in Redis; the next reconnection tries again');
    }
    // Announcements made while Redis was away may not have reached this instance's participants.
    this.touches.emit('touch', { concertationId: null, reread: true });
    this.channel.send({ concertationId: null });
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stops.forEach((stop) => stop());
    this.touches.removeAllListeners();
    const batch = this.redis.multi().del(livenessKey(this.instanceId)).srem(instancesKey, this.instanceId);
    for (const concertationId of this.local.roomIds())
      batch.hdel(
        presenceKey(concertationId),
        ...this.local.entries(concertationId).map(([id]) => this.field(id)),
      );
    await batch.exec().catch(() => undefined);
  }
}

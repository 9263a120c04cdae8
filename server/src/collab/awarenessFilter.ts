import { participantKindOf } from '@concerto/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { collabLimits } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import type { SharedDocument } from './sharedDocument.ts';

/** The connection side of presence: which awareness client ids it speaks for. */
interface PresenceOwner {
  clientIds: Set<number>;
}

function claimedByAnother(clientId: number, owner: PresenceOwner, document: SharedDocument): boolean {
  for (const peer of document.peers) {
    if (peer === (owner as unknown)) continue;
    if ((peer as unknown as PresenceOwner).clientIds?.has(clientId)) return true;
  }
  return false;
}

/**
 * Keeps presence honest: a connection may only speak for client ids no other connection claimed, for
 * a few of them, with small states (limits in `collabLimits`), and the name shown to others is the
 * authenticated one, whatever the client wrote.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  owner: PresenceOwner,
  document: SharedDocument,
  auth: AuthContext,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  const entries: [number, number, string][] = [];
  for (let index = 0; index < count; index += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const stateText = decoding.readVarString(decoder);
    if (claimedByAnother(clientId, owner, document)) continue;
    if (Buffer.byteLength(stateText) > collabLimits.maxPresenceStateBytes) continue;
    if (!owner.clientIds.has(clientId) && owner.clientIds.size >= collabLimits.maxPresenceIdsPerConnection)
      continue;
    owner.clientIds.add(clientId);
    const state = JSON.parse(stateText) as Record<string, unknown> | null;
    if (state && typeof state === 'object') {
      const user = (state.user && typeof state.user === 'object' ? state.user : {}) as Record<
        string,
        unknown
      >;
      const color =
        typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#55605f';
      state.user = { ...user, color, name: auth.displayName, kind: participantKindOf(auth.actor) };
    }
    entries.push([clientId, clock, JSON.stringify(state)]);
  }
  if (entries.length === 0) return null;
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

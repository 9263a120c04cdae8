// Pure code shared by the server and the client: no I/O here.
export * from './api.ts';
export * from './domain/phase.ts';
export * from './domain/family.ts';
export * from './domain/indicators.ts';
export * from './domain/nextStep.ts';
export * from './policy/actor.ts';
export * from './policy/can.ts';
export * from './contract/auth.ts';
export * from './contract/organisations.ts';
export * from './contract/families.ts';
export * from './collab/protocol.ts';
export * from './collab/spaces.ts';
export * from './collab/spaceAccess.ts';
export * from './collab/planDocument.ts';
export * from './contract/concertations.ts';
export * from './policy/concertationRules.ts';
export * from './contract/room.ts';

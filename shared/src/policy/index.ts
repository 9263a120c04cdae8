// The one permission policy, one file per resource kind (Outline's server/policies is the model).
export * from './actor.ts';
export * from './can.ts';
export * from './family.ts';
export * from './items.ts';
export * from './team.ts';
export * from './concertations.ts';
export * from './concertationRules.ts';
export * from './accountRules.ts';
export * from './functionRules.ts';
export * from './auditRules.ts';
export * from './decisions.ts';
export * from './referrals.ts';
export * from './spaces.ts';
export * from './network.ts';
export * from './directory.ts';
export * from './organisations.ts';
export * from './exports.ts';

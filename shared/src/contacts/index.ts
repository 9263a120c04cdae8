// The contact log: kinds and places, the API's shapes (the policy is in ../policy/contacts.ts).
export * from './contactKinds.ts';
export * from './contract.ts';

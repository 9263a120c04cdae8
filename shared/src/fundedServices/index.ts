// Funded services: which BIB scenario opens which, what proves each, and their API shapes.
export * from './eligibility.ts';
export * from './contract.ts';

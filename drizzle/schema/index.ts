export * from './core';
export * from './stats';
export * from './modules';
export * from './ingest';
export * from './access';

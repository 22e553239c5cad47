export * from './core';
export * from './modules';
export * from './ingest';
export * from './access';

export { startTestWorker, type TestWorker, type TestWorkerOptions } from './startTestWorker';
export { makeTestVars, type WorkerVars } from './makeTestVars';
export { startLocalStack, type LocalStack, type LocalStackOptions } from '../stack/startLocalStack';
export { startFullSystem, freePort, type FullSystem, type FullSystemOptions } from './startFullSystem';
export { simulatorVars, type SimulatorEndpoints } from '../lib/simulatorVars';

export { startPglite, type PgliteService, type PgliteOptions } from './postgres/startPglite';
export { startNeonProxy, type NeonProxyService, type NeonProxyOptions } from './neon-proxy/startNeonProxy';
export { startRedisRest, type RedisRestService, type RedisRestOptions } from './redis/startRedisRest';
export { startQstash, type QstashService, type QstashOptions } from './qstash/startQstash';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack/startLocalStack';
export { startTestWorker, makeTestVars, type TestWorker, type WorkerVars } from './testing';

import { randomBytes } from 'node:crypto';

/** A random secret: `bytes` random bytes as hex (64 hex characters for 32 bytes). */
export const generateSecret = (bytes = 32): string => randomBytes(bytes).toString('hex');

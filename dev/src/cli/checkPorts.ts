import { createServer } from 'node:net';

/** A port the dev stack needs, with what it is for and the variable that changes it. */
export interface PortNeed {
  port: number;
  what: string;
  variable: string;
}

/** Resolves true when `port` can be bound on 127.0.0.1 right now (the probe is closed at once). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The first needed port that is taken, or undefined when all are free. */
export async function findBusyPort(needs: PortNeed[]): Promise<PortNeed | undefined> {
  for (const need of needs) if (!(await isFree(need.port))) return need;
  return undefined;
}

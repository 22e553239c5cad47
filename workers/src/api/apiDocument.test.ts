import { describe, expect, it } from 'vitest';
import { apiDocument } from './apiDocument';

interface Operation {
  summary?: string;
  'x-requires'?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Paths = Record<string, Record<string, Operation>>;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

const operations = () =>
  Object.entries((apiDocument() as { paths: Paths }).paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document of /api', () => {
  it('documents what every route answers: a schema for each success (core, module system, plan and modules alike)', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const undocumented = ops.filter(({ op }) =>
      Object.entries(op.responses ?? {}).some(([status, r]) => status.startsWith('2') && status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema !== undefined)),
    );
    expect(undocumented.map((o) => o.key)).toEqual([]);
  });

  it('has one error shape: every 4xx answer is the Error schema', () => {
    const other = operations().flatMap(({ key, op }) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => status.startsWith('4'))
        .filter(([, r]) => JSON.stringify(r.content?.['application/json']?.schema) !== JSON.stringify({ $ref: '#/components/schemas/Error' }))
        .map(([status]) => `${key} ${status}`),
    );
    expect(other).toEqual([]);
  });

  it('states the access level of every route', () => {
    expect(operations().filter(({ op }) => !op['x-requires']).map((o) => o.key)).toEqual([]);
  });
});

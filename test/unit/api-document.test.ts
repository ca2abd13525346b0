import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApiDocument } from '../../api/openapi/document';
import { DOCUMENT_PATH, documentText, generatorArgs } from '../../scripts/api-client';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

/**
 * The document is a product: docs/openapi.json is what the app serves, the
 * typed client is generated from it, and redocly's recommended rules pass
 * without a warning. Regenerate both with `npm run api:client`.
 */
describe('the API document', () => {
  it('is what the app serves at /openapi.json (run npm run api:client when this fails)', async () => {
    const served = documentText(await buildOpenApiDocument());
    expect(fs.readFileSync(DOCUMENT_PATH, 'utf8')).toBe(served);
  });

  it('generates exactly the checked-in client types (run npm run api:client when this fails)', async () => {
    // openapi-typescript --check exits non-zero when the generated file differs from client/orderly-api.d.ts.
    await expect(run(process.execPath, generatorArgs(true), { cwd: root })).resolves.toBeDefined();
  }, 60_000);

  it('passes redocly lint with the recommended rules: no errors, no warnings', async () => {
    const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', 'docs/openapi.json', '--format=json'], { cwd: root }).catch((err: { stdout: string }) => err);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('gives every operation a unique operationId, a summary, tags and at least one problem response', async () => {
    const doc = (await buildOpenApiDocument()) as { paths: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[]; responses: Record<string, unknown> }>> };
    const operations = Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${p}`, ...op })));
    expect(operations.length).toBeGreaterThan(35);
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      expect({ name: op.name, operationId: op.operationId, summary: !!op.summary, tags: op.tags?.length }).toEqual({ name: op.name, operationId: expect.stringMatching(/^[a-z]+[A-Za-z]*$/), summary: true, tags: 1 });
    }
  });
});

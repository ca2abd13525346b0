import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../api/openapi/document';

/**
 * `npm run api:client`: writes the document the app serves to
 * docs/openapi.json, then generates the typed client's types from it
 * (client/orderly-api.d.ts, openapi-typescript). Both are checked in;
 * test/unit/api-document.test.ts fails when either is stale.
 */
export const DOCUMENT_PATH = path.join(__dirname, '..', 'docs', 'openapi.json');
export const CLIENT_TYPES_PATH = path.join(__dirname, '..', 'client', 'orderly-api.d.ts');

export const documentText = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** The openapi-typescript command line for our document and types; `--check` only compares. */
export function generatorArgs(check = false): string[] {
  return [path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js'), DOCUMENT_PATH, '--output', CLIENT_TYPES_PATH, ...(check ? ['--check'] : [])];
}

async function main(): Promise<void> {
  fs.writeFileSync(DOCUMENT_PATH, documentText(await buildOpenApiDocument()));
  execFileSync(process.execPath, generatorArgs(), { stdio: 'inherit' });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

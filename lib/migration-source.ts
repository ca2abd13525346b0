import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

/**
 * The migrations folder for knex, each migration named by its source file
 * (`<name>.ts`) whether it runs as TypeScript (tsx, the tests) or compiled
 * (dist/migrations/*.js, the image). knex records the name of every applied
 * migration and refuses a database whose recorded names it cannot find, so
 * with plain file names a database migrated by one could not be migrated by
 * the other (an upgrade from `npm run migrate` to the compiled image).
 */
export class MigrationFiles implements Knex.MigrationSource<string> {
  constructor(private readonly directory: string) {}

  async getMigrations(): Promise<string[]> {
    return fs
      .readdirSync(this.directory)
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.js$/, '.ts');
  }

  async getMigration(file: string): Promise<Knex.Migration> {
    return (await import(path.join(this.directory, file))) as Knex.Migration;
  }
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../workflows/contract';
import { root } from '../support/stack-shape';

const compose = fs.readFileSync(path.join(root(), 'docker-compose.yml'), 'utf8');
const serverScript = fs.readFileSync(path.join(root(), 'scripts', 'temporal-server.sh'), 'utf8');

describe('the deployment files next to the stack this tier runs', () => {
  it('registers exactly the search attributes the workflows set', () => {
    const register = compose.split('\n').find((line) => line.includes('/orderly/register.sh'))!;
    const pairs = [...register.matchAll(/"(\w+)=(\w+)"/g)].map(([, name, type]) => [name, type]);
    expect(Object.fromEntries(pairs)).toEqual(SEARCH_ATTRIBUTES);
  });

  it('runs the Temporal version that scripts/temporal-server.sh builds', () => {
    const built = /version="v([\d.]+)"/.exec(serverScript)![1];
    const images = [...compose.matchAll(/temporalio\/(server|admin-tools):([\d.]+)/g)].map(([, , tag]) => tag);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([built]));
  });

  it('sets only dynamic config the Temporal server knows', () => {
    const file = path.join(root(), 'deploy', 'temporal', 'config', 'dynamicconfig.yaml');
    const report = execFileSync(path.join(root(), '.tools', 'bin', 'temporal-server'), ['validate-dynamic-config', file], { encoding: 'utf8' });
    expect(report.trim()).toBe(file);
  });
});

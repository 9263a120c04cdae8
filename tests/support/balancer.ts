import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './collabClient.ts';
import { freePort } from './serverProcess.ts';

/** Whether Debian's `nginx` is installed (CI installs it; the balancer test needs it). */
export const nginxInstalled = spawnSync('nginx', ['-v']).status === 0;

/** The compose file's load balancer, run by this test in front of instances on this machine. */
export interface Balancer {
  url: string;
  /** Which instance (`127.0.0.1:port`, tried in order) served each request so far, by path. */
  routes(): { path: string; upstreams: string[] }[];
  stop(): void;
}

/**
 * Starts nginx with `docker/nginx/concerto.conf` as docker-compose uses it, its two upstreams pointed at
 * `instanceUrls` and its port free, logging where each request went. Fails if `nginx -t` refuses it.
 */
export async function startBalancer(instanceUrls: string[]): Promise<Balancer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'concerto-balancer-'));
  const port = await freePort();
  const site = instanceUrls
    .reduce(
      (config, url, index) => config.replace(`server-${index + 1}:3000`, new URL(url).host),
      readFileSync(path.resolve(import.meta.dirname, '../../docker/nginx/concerto.conf'), 'utf8'),
    )
    .replace('listen 8080;', `listen 127.0.0.1:${port};\n    access_log ${dir}/access.log routes;`);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log; events {}
http {
  log_format routes '$uri $upstream_addr';
  client_body_temp_path ${dir}; proxy_temp_path ${dir};
${site}
}`,
  );
  const checked = spawnSync('nginx', ['-t', '-c', `${dir}/nginx.conf`, '-p', dir], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx -t refused the configuration: ${checked.stderr}`);
  const nginx = spawn('nginx', ['-c', `${dir}/nginx.conf`, '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => null)) !== null, 5000, 'nginx');
  return {
    url,
    routes: () =>
      readFileSync(`${dir}/access.log`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [requested, ...upstreams] = line.split(' ');
          return { path: requested!, upstreams: upstreams.join(' ').split(', ') };
        }),
    stop: () => {
      nginx.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

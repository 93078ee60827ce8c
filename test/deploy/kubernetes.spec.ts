/**
 * Issue #22: the Kubernetes packaging (deploy/kubernetes) and its checker (scripts/check-kubernetes.mjs). CI renders
 * both overlays with kubectl and runs the checker on them (`npm run check:k8s`); here the checker runs on streams
 * built from the base's files (what Kustomize does with them is trivial: image tag, generated ConfigMap), and on
 * streams with each defect the issue found, to show that every rule can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

const ROOT = join(import.meta.dirname, '../..');
const BASE = join(ROOT, 'deploy/kubernetes/base');
const read = (path: string) => readFileSync(path, 'utf8');

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The base's resources as Kustomize would emit them for one replica, with the overlay's REPLICAS=1. */
function baseObjects(): Obj[] {
  const kustomization = parse(read(join(BASE, 'kustomization.yaml'))) as { resources: string[]; images: { name: string; newTag: string }[] };
  const objects = kustomization.resources.flatMap((file) => parseAllDocuments(read(join(BASE, file))).map((d) => d.toJS() as Obj));
  const settings = Object.fromEntries(
    read(join(BASE, 'settings.env')).split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'logto-account-service-settings' }, data: settings });
  const deployment = objects.find((o) => o.kind === 'Deployment')!;
  const container = deployment.spec.template.spec.containers[0];
  const image = kustomization.images.find((i) => i.name === container.image)!;
  container.image = `${container.image}:${image.newTag}`;
  container.env = [{ name: 'REPLICAS', value: '1' }];
  return objects;
}

function check(objects: Obj[], overlay = 'single'): { status: number | null; out: string } {
  const input = objects.map((o) => stringify(o)).join('---\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/check-kubernetes.mjs'), '-', overlay], { input, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const deploymentOf = (objects: Obj[]) => objects.find((o) => o.kind === 'Deployment')!;
const containerOf = (objects: Obj[]) => deploymentOf(objects).spec.template.spec.containers[0];

describe('deploy/kubernetes', () => {
  it('the base passes the schema and the project rules', () => {
    const { status, out } = check(baseObjects());
    expect(out).toMatch(/^ok {3}\d+ objects/m);
    expect(status).toBe(0);
  });

  it.each<[string, (objects: Obj[]) => void, RegExp]>([
    ['a Secret with values (defect 1)', (o) => o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'logto-account-service' }, stringData: { LOGTO_M2M_APP_SECRET: 'replace-me' } }), /a Secret with values/],
    ['no preStop (defect 5)', (o) => delete containerOf(o).lifecycle, /preStop is missing/],
    ['a grace period shorter than preStop + drain + flush (defects 5, 11)', (o) => (deploymentOf(o).spec.template.spec.terminationGracePeriodSeconds = 15), /terminationGracePeriodSeconds \(15\) must exceed/],
    ['a readiness timeout under LOGTO_TIMEOUT_MS (defect 7)', (o) => (containerOf(o).readinessProbe.timeoutSeconds = 3), /readinessProbe.timeoutSeconds \(3\) must exceed LOGTO_TIMEOUT_MS \(5000 ms\)/],
    ['several replicas without Redis (defect 8)', (o) => (deploymentOf(o).spec.replicas = 2), /several replicas need REDIS_URL/],
    ['a floating image', (o) => (containerOf(o).image = 'ghcr.io/logto-account-service/logto-account-service:latest'), /needs a version tag or digest/],
    ['a writable root filesystem', (o) => (containerOf(o).securityContext.readOnlyRootFilesystem = false), /readOnlyRootFilesystem must be true/],
    ['no PodDisruptionBudget', (o) => o.splice(o.findIndex((x) => x.kind === 'PodDisruptionBudget'), 1), /no PodDisruptionBudget/],
    ['a schema violation', (o) => (containerOf(o).ports = 'http'), /schema:/],
    ['an unknown kind', (o) => o.push({ apiVersion: 'v1', kind: 'Deploymnt', metadata: { name: 'typo' } }), /unknown kind Deploymnt/],
  ])('refuses %s', (_name, breakIt, message) => {
    const objects = baseObjects();
    breakIt(objects);
    const { status, out } = check(objects);
    expect(out).toMatch(message);
    expect(status).toBe(1);
  });

  it('the multi-replica overlay requires REDIS_URL from a Secret, and its file with the Redis settings is not committed', () => {
    const overlay = join(ROOT, 'deploy/kubernetes/overlays/replicas-with-redis');
    const kustomization = read(join(overlay, 'kustomization.yaml'));
    expect(kustomization).toMatch(/- redis-settings\.yaml/);
    expect(existsSync(join(overlay, 'redis-settings.yaml'))).toBe(false);
    const objects = baseObjects();
    const patch = parse(read(join(overlay, 'redis-settings.example.yaml'))) as Obj;
    const replicas = parse(read(join(overlay, 'replicas.yaml'))) as Obj;
    deploymentOf(objects).spec.replicas = replicas.spec.replicas;
    containerOf(objects).env = [...patch.spec.template.spec.containers[0].env, ...replicas.spec.template.spec.containers[0].env];
    objects.push(parse(read(join(overlay, 'horizontalpodautoscaler.yaml'))) as Obj);
    expect(check(objects, 'replicas-with-redis').status).toBe(0);
    containerOf(objects).env = replicas.spec.template.spec.containers[0].env;
    expect(check(objects, 'replicas-with-redis').out).toMatch(/several replicas need REDIS_URL from a Secret/);
  });

  it('ships no Secret anywhere under deploy/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const secrets = files(join(ROOT, 'deploy'))
      .filter((file) => /\.ya?ml$/.test(file))
      .flatMap((file) => parseAllDocuments(read(file)).map((d) => [file, d.toJS() as Obj | null] as const))
      .filter(([, o]) => o?.kind === 'Secret');
    expect(secrets).toEqual([]);
  });

  it('runs as the image\'s user', () => {
    const dockerfileUser = /^USER\s+(\d+)/m.exec(read(join(ROOT, 'Dockerfile')))?.[1];
    expect(String(deploymentOf(baseObjects()).spec.template.spec.securityContext.runAsUser)).toBe(dockerfileUser);
  });
});

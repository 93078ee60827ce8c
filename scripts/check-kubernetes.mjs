#!/usr/bin/env node
/**
 * Renders the Kustomize overlays of deploy/kubernetes offline and checks every object they produce:
 * - against Kubernetes' schemas (the `kubernetes-models` packages: types, required fields, known kinds);
 * - against this project's rules (below), which the schemas cannot express.
 * Also checks that the multi-replica overlay does NOT render without its Redis settings.
 *
 * Usage (installs nothing; needs kubectl on PATH or in $KUBECTL, any version from 1.20 on):
 *   npm run check:k8s
 *   kubectl kustomize <dir> | node scripts/check-kubernetes.mjs -    # check one rendered stream
 * Exit code 0 when everything holds, 1 with one line per problem otherwise.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');
const KUSTOMIZE_ROOT = join(ROOT, 'deploy/kubernetes');
const OVERLAYS = ['single', 'replicas-with-redis'];
const REDIS_SETTINGS = 'overlays/replicas-with-redis/redis-settings.yaml';

/** Secrets the operator creates; manifests may reference them, never define them with values. */
const EXTERNAL_SECRETS = new Set(['logto-account-service', 'logto-account-service-redis']);
/** The service's own defaults (src/config/load-config.ts), used when the manifests do not set them. */
const DEFAULTS = { LOGTO_TIMEOUT_MS: 5000, SHUTDOWN_TIMEOUT_MS: 10000 };
/** Longest the service flushes traces after draining (src/main.ts, TRACE_FLUSH_TIMEOUT_MS). */
const TRACE_FLUSH_SECONDS = 5;

/** Parses a multi-document YAML stream into objects; YAML errors are problems. */
export function parseObjects(text, problems = []) {
  const objects = [];
  for (const document of parseAllDocuments(text)) {
    for (const error of document.errors) problems.push(`YAML: ${error.message}`);
    const object = document.toJS();
    if (object) objects.push(object);
  }
  return objects;
}

const modelModule = (apiVersion) =>
  apiVersion.startsWith('monitoring.coreos.com/')
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;

/** Validates each object against its Kubernetes schema; one problem per invalid object. */
export async function schemaProblems(objects) {
  const problems = [];
  for (const object of objects) {
    const name = `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
    try {
      if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') throw new Error('apiVersion and kind are required');
      let module;
      try {
        module = await import(modelModule(object.apiVersion));
      } catch {
        throw new Error(`unknown apiVersion ${object.apiVersion}`);
      }
      const Model = module[object.kind];
      if (typeof Model !== 'function') throw new Error(`unknown kind ${object.kind} in ${object.apiVersion}`);
      new Model(object).validate();
    } catch (error) {
      problems.push(`${name}: schema: ${error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error)}`);
    }
  }
  return problems;
}

const containersOf = (workload) => workload.spec?.template?.spec?.containers ?? [];

/** The value a container sees for `name`: its env, then ConfigMaps of its envFrom (rendered in the same stream). */
function settingOf(container, objects, name) {
  const direct = (container.env ?? []).find((entry) => entry.name === name);
  if (direct) return direct.value ?? direct.valueFrom;
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef?.name;
    const map = ref && objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === ref);
    if (map?.data?.[name] !== undefined) return map.data[name];
  }
  return undefined;
}

const numberSetting = (container, objects, name) => {
  const value = settingOf(container, objects, name);
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : DEFAULTS[name];
};

const selects = (selector, labels) => Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

/** The project's rules; `overlay` is the overlay's name when known (stricter rules for several replicas). */
export function ruleProblems(objects, overlay) {
  const problems = [];
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const name = (o) => `${o.kind}/${o.metadata?.name}`;

  for (const secret of byKind('Secret')) {
    if (Object.keys(secret.data ?? {}).length > 0 || Object.keys(secret.stringData ?? {}).length > 0) {
      problems.push(`${name(secret)}: a Secret with values would overwrite the operator's credentials on apply; reference one instead`);
    }
  }

  const deployments = byKind('Deployment');
  if (deployments.length !== 1) problems.push(`expected one Deployment, found ${deployments.length}`);
  for (const deployment of deployments) {
    const pod = deployment.spec?.template?.spec ?? {};
    const podLabels = deployment.spec?.template?.metadata?.labels;
    if (!selects(deployment.spec?.selector?.matchLabels, podLabels)) problems.push(`${name(deployment)}: selector does not match its pod labels`);
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name(deployment)}: pod securityContext.runAsNonRoot must be true`);
    if (pod.automountServiceAccountToken !== false) problems.push(`${name(deployment)}: automountServiceAccountToken must be false`);

    for (const container of containersOf(deployment)) {
      const where = `${name(deployment)} container ${container.name}`;
      const image = String(container.image ?? '');
      if (!/(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/.test(image.replace(/^[^/]*\//, '')) || /:latest$/.test(image)) {
        problems.push(`${where}: image "${image}" needs a version tag or digest (not latest)`);
      }
      const security = container.securityContext ?? {};
      if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
      if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (!(security.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities must drop ALL`);
      if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory || !container.resources?.limits?.memory) {
        problems.push(`${where}: needs cpu and memory requests and a memory limit`);
      }

      const readiness = container.readinessProbe;
      const liveness = container.livenessProbe;
      if (readiness?.httpGet?.path !== '/health/ready') problems.push(`${where}: readinessProbe must GET /health/ready`);
      if (liveness?.httpGet?.path !== '/health/live') problems.push(`${where}: livenessProbe must GET /health/live`);
      const logtoTimeoutMs = numberSetting(container, objects, 'LOGTO_TIMEOUT_MS');
      // Readiness waits for at most one Logto read (LOGTO_TIMEOUT_MS); a shorter probe timeout turns a slow Logto
      // into failed probes on every pod at once (issue #22, defect 7).
      const readinessTimeoutMs = (readiness?.timeoutSeconds ?? 1) * 1000;
      if (readinessTimeoutMs <= logtoTimeoutMs) {
        problems.push(`${where}: readinessProbe.timeoutSeconds (${readinessTimeoutMs / 1000}) must exceed LOGTO_TIMEOUT_MS (${logtoTimeoutMs} ms)`);
      }
      if ((liveness?.timeoutSeconds ?? 1) < 2) problems.push(`${where}: livenessProbe.timeoutSeconds must be at least 2`);

      const preStop = container.lifecycle?.preStop;
      const preStopSeconds = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command?.[0] === 'sleep' ? preStop.exec.command[1] : NaN);
      if (!preStop) {
        problems.push(`${where}: lifecycle.preStop is missing: the pod stops listening before it leaves the Service's endpoints`);
      } else if (!(preStopSeconds >= 3)) {
        problems.push(`${where}: preStop must wait at least 3 s (a sleep) for endpoint removal to propagate`);
      }
      const shutdownSeconds = numberSetting(container, objects, 'SHUTDOWN_TIMEOUT_MS') / 1000;
      const needed = (Number.isFinite(preStopSeconds) ? preStopSeconds : 0) + shutdownSeconds + TRACE_FLUSH_SECONDS;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (grace <= needed) {
        problems.push(`${where}: terminationGracePeriodSeconds (${grace}) must exceed preStop + SHUTDOWN_TIMEOUT_MS + trace flush (${needed} s)`);
      }

      for (const source of container.envFrom ?? []) {
        const configMap = source.configMapRef?.name;
        if (configMap && !objects.some((o) => o.kind === 'ConfigMap' && o.metadata?.name === configMap)) {
          problems.push(`${where}: envFrom references ConfigMap ${configMap}, which is not rendered`);
        }
        const secret = source.secretRef?.name;
        if (secret && !EXTERNAL_SECRETS.has(secret)) problems.push(`${where}: envFrom references unknown Secret ${secret}`);
      }
    }

    const replicas = deployment.spec?.replicas ?? 1;
    const autoscaled = byKind('HorizontalPodAutoscaler').some((hpa) => hpa.spec?.scaleTargetRef?.name === deployment.metadata?.name);
    const several = replicas > 1 || autoscaled || overlay === 'replicas-with-redis';
    for (const container of containersOf(deployment)) {
      const where = `${name(deployment)} container ${container.name}`;
      const redis = (container.env ?? []).find((entry) => entry.name === 'REDIS_URL');
      const replicasEnv = Number((container.env ?? []).find((entry) => entry.name === 'REPLICAS')?.value ?? 1);
      if (several) {
        const ref = redis?.valueFrom?.secretKeyRef;
        if (!ref || ref.optional === true) {
          problems.push(`${where}: several replicas need REDIS_URL from a Secret (secretKeyRef, not optional)`);
        }
        if (!(replicasEnv > 1)) problems.push(`${where}: several replicas: set REPLICAS above 1 so the service can warn without Redis`);
      } else if (replicasEnv !== 1) {
        problems.push(`${where}: one replica: REPLICAS must be 1`);
      }
    }
    if (!several && autoscaled) problems.push(`${name(deployment)}: an autoscaler without Redis would split the state`);

    const podLabels2 = deployment.spec?.template?.metadata?.labels;
    for (const service of byKind('Service')) {
      if (!selects(service.spec?.selector, podLabels2)) problems.push(`${name(service)}: selector does not match the Deployment's pods`);
    }
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy', 'PodMonitor']) {
      const found = byKind(kind);
      if (found.length === 0) problems.push(`no ${kind}`);
      for (const object of found) {
        const selector = kind === 'NetworkPolicy' ? object.spec?.podSelector?.matchLabels : object.spec?.selector?.matchLabels;
        if (!selects(selector, podLabels2) || Object.keys(selector ?? {}).length === 0) problems.push(`${name(object)}: selector does not match the Deployment's pods`);
      }
    }
    if (!(deployment.spec?.template?.spec?.topologySpreadConstraints ?? []).length) problems.push(`${name(deployment)}: no topologySpreadConstraints`);
  }
  return problems;
}

/** Every problem of one rendered stream. */
export async function checkRendered(text, overlay) {
  const problems = [];
  const objects = parseObjects(text, problems);
  if (objects.length === 0) problems.push('nothing rendered');
  problems.push(...(await schemaProblems(objects)), ...ruleProblems(objects, overlay));
  return { objects, problems };
}

function kubectl() {
  return process.env.KUBECTL || 'kubectl';
}

function render(directory) {
  return execFileSync(kubectl(), ['kustomize', directory], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function checkOverlays() {
  const problems = [];
  let version;
  try {
    version = execFileSync(kubectl(), ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
  } catch (error) {
    console.error(`kubectl not found (${kubectl()}): install it (Debian: apt-get install -y kubernetes-client) or set KUBECTL. ${error.message}`);
    return 1;
  }
  console.log(`kubectl: ${version.trim()}`);
  if (existsSync(join(KUSTOMIZE_ROOT, REDIS_SETTINGS))) {
    problems.push(`${REDIS_SETTINGS} must not be committed: the overlay must fail to render until the operator provides it`);
  }

  // Render from a copy, so the example Redis settings can be put in place without touching the tree.
  const scratch = mkdtempSync(join(tmpdir(), 'check-kubernetes-'));
  try {
    cpSync(KUSTOMIZE_ROOT, scratch, { recursive: true });
    try {
      render(join(scratch, 'overlays/replicas-with-redis'));
      problems.push('overlays/replicas-with-redis rendered without redis-settings.yaml: it must require the Redis settings');
    } catch {
      console.log('ok   overlays/replicas-with-redis refuses to render without redis-settings.yaml');
    }
    cpSync(join(scratch, 'overlays/replicas-with-redis/redis-settings.example.yaml'), join(scratch, REDIS_SETTINGS));

    for (const overlay of OVERLAYS) {
      let text;
      try {
        text = render(join(scratch, 'overlays', overlay));
      } catch (error) {
        problems.push(`overlays/${overlay}: kubectl kustomize failed: ${String(error.stderr ?? error.message).trim()}`);
        continue;
      }
      const result = await checkRendered(text, overlay);
      const kinds = result.objects.map((o) => o.kind).sort().join(', ');
      if (result.problems.length === 0) console.log(`ok   overlays/${overlay}: ${result.objects.length} objects (${kinds})`);
      problems.push(...result.problems.map((problem) => `overlays/${overlay}: ${problem}`));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`FAIL ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

async function main() {
  const [arg, overlay] = process.argv.slice(2);
  if (arg === '-') {
    const { problems, objects } = await checkRendered(readFileSync(0, 'utf8'), overlay);
    for (const problem of problems) console.error(`FAIL ${problem}`);
    if (problems.length === 0) console.log(`ok   ${objects.length} objects`);
    return problems.length === 0 ? 0 : 1;
  }
  return checkOverlays();
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  process.exitCode = await main();
}

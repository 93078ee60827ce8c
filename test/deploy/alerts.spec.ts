/**
 * Issue #22: the alert rules (deploy/prometheus/alerts.yaml) name only metrics the service exposes, and only
 * their labels, and each links to a section of the runbook that exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { useEmulatorApp } from '../support/test-app.js';

const ROOT = join(import.meta.dirname, '../..');

interface Rule { alert: string; expr: string; for?: string; labels: { severity: string }; annotations: { summary: string; runbook_url: string } }
const rules = (parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

/** Metric selectors in a PromQL expression: a name directly followed by `{` or `[`, with the label names it matches on. */
function selectors(expr: string): Array<{ metric: string; labels: string[] }> {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?\s*(?=[{[]|\)|\s|$)/g)]
    .filter((match) => match[2] !== undefined || /\[/.test(expr.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 1)))
    .map((match) => ({ metric: match[1], labels: [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)].map((l) => l[1]) }));
}

/** Series names and label names as served by GET /metrics (histograms as _bucket, _count and _sum). */
function exposition(text: string): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\w+)/.exec(line);
    if (type) {
      const names = type[2] === 'histogram' ? ['_bucket', '_count', '_sum'].map((suffix) => type[1] + suffix) : [type[1]];
      for (const name of names) series.set(name, series.get(name) ?? new Set());
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/.exec(line);
    if (sample) for (const label of sample[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) series.get(sample[1])?.add(label[1]);
  }
  return series;
}

/** Labels declared by the code (labelNames) for series that have no sample yet. */
function declaredLabels(): Map<string, string[]> {
  const source = readFileSync(join(ROOT, 'src/observability/metrics.ts'), 'utf8');
  const declared = new Map<string, string[]>();
  for (const match of source.matchAll(/name: '([a-z_]+)',[\s\S]*?labelNames: \[([^\]]*)\]/g)) {
    declared.set(match[1], [...match[2].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]));
  }
  return declared;
}

describe('deploy/prometheus/alerts.yaml', () => {
  const h = useEmulatorApp();
  /** Labels Prometheus adds at scrape time, or that Kubernetes service discovery adds. */
  const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod'];

  it('has the alerts the runbook describes, each with a severity, a summary and a runbook section that exists', () => {
    const runbook = readFileSync(join(ROOT, 'docs/runbook.md'), 'utf8');
    const anchors = new Set([...runbook.matchAll(/^#+\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      const [file, anchor] = rule.annotations.runbook_url.split('#');
      expect(file).toBe('docs/runbook.md');
      expect(`${rule.alert} -> #${anchor} ${anchors.has(anchor)}`).toBe(`${rule.alert} -> #${anchor} true`);
    }
  });

  it('names only metrics the service serves, with labels they carry', async () => {
    await h.t.inject({ method: 'GET', url: '/health/ready' });
    const served = exposition((await h.t.inject({ method: 'GET', url: '/metrics' })).body);
    const declared = declaredLabels();
    const problems: string[] = [];
    for (const rule of rules) {
      const found = selectors(rule.expr);
      if (found.length === 0) problems.push(`${rule.alert}: no metric found in the expression`);
      for (const { metric, labels } of found) {
        const known = served.get(metric);
        if (!known) {
          problems.push(`${rule.alert}: ${metric} is not served`);
          continue;
        }
        const base = metric.replace(/_(bucket|count|sum)$/, '');
        const allowed = new Set([...known, ...(declared.get(metric) ?? declared.get(base) ?? []), ...TARGET_LABELS]);
        for (const label of labels) if (!allowed.has(label)) problems.push(`${rule.alert}: ${metric} has no label ${label}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the check catches a misspelt metric or label', () => {
    expect(selectors('sum(rate(logto_m2m_token_request_total{outcom="failure"}[5m])) > 0')).toEqual([
      { metric: 'logto_m2m_token_request_total', labels: ['outcom'] },
    ]);
  });
});

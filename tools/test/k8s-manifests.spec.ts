/**
 * The Kubernetes manifests in infra/k8s, checked offline (no cluster, no kubeconform here): what
 * makes a rollout or a node loss safe for rackeval, not the whole Kubernetes schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

type Doc = { kind: string; metadata: { name: string; namespace?: string }; [key: string]: any };

const DIR = path.resolve(__dirname, '../../infra/k8s');
const files = readdirSync(DIR).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
const docs: Doc[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((error) => error.message).join('; ')}`);
    return doc.toJS() as Doc;
  }),
);
const ofKind = (kind: string) => docs.filter((doc) => doc.kind === kind);
const deployments = ofKind('Deployment');
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|_KEY$/;

describe('Kubernetes manifests (infra/k8s)', () => {
  it('run every service and the gateway, each with at least two replicas', () => {
    expect(deployments.map((doc) => doc.metadata.name).sort()).toEqual(['gateway', 'intake', 'purchase-option', 'results', 'test-run']);
    for (const deployment of deployments)
      expect([deployment.metadata.name, deployment.spec.replicas >= 2]).toEqual([deployment.metadata.name, true]);
  });

  it('probe readiness on /health/ready and liveness on /health/live, on a port the container declares, the gateway included', () => {
    for (const deployment of deployments) {
      for (const container of deployment.spec.template.spec.containers) {
        const ports = container.ports.map((port: { name: string }) => port.name);
        expect([deployment.metadata.name, container.readinessProbe?.httpGet?.path]).toEqual([deployment.metadata.name, '/health/ready']);
        expect([deployment.metadata.name, container.livenessProbe?.httpGet?.path]).toEqual([deployment.metadata.name, '/health/live']);
        expect(ports).toContain(container.readinessProbe.httpGet.port);
        expect(ports).toContain(container.livenessProbe.httpGet.port);
      }
    }
  });

  it('request CPU and memory and cap memory for every container, migration Jobs included', () => {
    for (const workload of [...deployments, ...ofKind('Job')]) {
      const { containers, initContainers = [] } = workload.spec.template.spec;
      for (const container of [...containers, ...initContainers]) {
        expect(
          [
            container.name,
            container.resources?.requests?.cpu,
            container.resources?.requests?.memory,
            container.resources?.limits?.memory,
          ].every(Boolean),
        ).toBe(true);
      }
    }
  });

  it('give every Deployment one PodDisruptionBudget selecting its pods and leaving one available', () => {
    for (const deployment of deployments) {
      const labels = deployment.spec.template.metadata.labels;
      const budgets = ofKind('PodDisruptionBudget').filter((pdb) => matches(pdb.spec.selector.matchLabels, labels));
      expect([deployment.metadata.name, budgets.length]).toEqual([deployment.metadata.name, 1]);
      expect(budgets[0].spec.minAvailable).toBeGreaterThanOrEqual(1);
      expect(budgets[0].spec.minAvailable).toBeLessThan(deployment.spec.replicas);
      // A budget that also matched another Deployment's pods would count them together.
      expect(
        deployments.filter((other) => matches(budgets[0].spec.selector.matchLabels, other.spec.template.metadata.labels)),
      ).toHaveLength(1);
    }
  });

  it('select their own pods: Deployment selectors match their templates, Services reach a Deployment', () => {
    for (const deployment of deployments)
      expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    for (const service of ofKind('Service')) {
      expect([
        service.metadata.name,
        deployments.some((deployment) => matches(service.spec.selector, deployment.spec.template.metadata.labels)),
      ]).toEqual([service.metadata.name, true]);
    }
  });

  it('hold no secret: no Secret objects, no password or database URL written in a ConfigMap or env value', () => {
    expect(ofKind('Secret')).toEqual([]);
    for (const config of ofKind('ConfigMap')) {
      for (const [key, value] of Object.entries(config.data ?? {})) {
        expect([
          config.metadata.name,
          key,
          SECRET_NAME.test(key) || /DATABASE.*URL/.test(key) || /:\/\/[^/]*@/.test(String(value)),
        ]).toEqual([config.metadata.name, key, false]);
      }
    }
    for (const workload of [...deployments, ...ofKind('Job')]) {
      const { containers, initContainers = [] } = workload.spec.template.spec;
      for (const variable of [...containers, ...initContainers].flatMap((container) => container.env ?? [])) {
        if (SECRET_NAME.test(variable.name) || /DATABASE.*URL/.test(variable.name))
          expect([variable.name, variable.valueFrom?.secretKeyRef?.name]).toEqual([variable.name, expect.any(String)]);
      }
    }
  });

  it('refer only to ConfigMaps they define, and name every Secret they read in the README', () => {
    const configMaps = new Set(ofKind('ConfigMap').map((config) => config.metadata.name));
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const deployment of deployments) {
      const { containers, initContainers = [] } = deployment.spec.template.spec;
      for (const container of [...containers, ...initContainers]) {
        for (const source of container.envFrom ?? []) expect(configMaps).toContain(source.configMapRef.name);
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) expect(readme).toContain(`${ref.name}`);
        }
      }
    }
  });

  it('replicate the topics the services create as the cluster does: 3 copies, 2 in sync', () => {
    const common = ofKind('ConfigMap').find((config) => config.metadata.name === 'rackeval-common')!;
    expect(common.data).toMatchObject({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
  });

  it('migrate in one Job per service, never in the replicas', () => {
    expect(
      ofKind('Job')
        .map((job) => job.metadata.name)
        .sort(),
    ).toEqual(['intake-migrate', 'purchase-option-migrate', 'results-migrate', 'test-run-migrate']);
    for (const deployment of deployments) {
      const commands = deployment.spec.template.spec.containers
        .concat(deployment.spec.template.spec.initContainers ?? [])
        .map((container: { command?: string[] }) => (container.command ?? []).join(' '));
      expect(commands.filter((command: string) => command.includes('migrate'))).toEqual([]);
    }
  });

  it('list every manifest in the kustomization', () => {
    const kustomization = parseAllDocuments(readFileSync(path.join(DIR, 'kustomization.yaml'), 'utf8'))[0].toJS();
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });
});

import { fileArtifactNames } from '@rackeval/contracts';

/**
 * Which file parts of a multipart OCPTV upload belong to which `file` artifacts. A part belongs to
 * the artifacts that name it: by the last segment of their `uri` (`file:///var/log/burnin/harness.log`
 * names `harness.log`) or by their `displayName`. An artifact links to the part its uri names,
 * else to the part its display name names, else to none (it stays a reference). A part no artifact
 * names, or two parts of one name, are refused.
 */
export interface FileArtifactName {
  /** displayName */
  name?: string;
  uri?: string;
}

export interface FilePartPlan {
  /** Per artifact (in the order given), the name of the part it links to, or undefined. */
  links: Array<string | undefined>;
  /** Parts named by no artifact. */
  unnamed: string[];
  /** Names sent by more than one part. */
  duplicates: string[];
}

export function planFileParts(artifacts: readonly FileArtifactName[], partNames: readonly string[]): FilePartPlan {
  const sent = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of partNames) (sent.has(name) ? duplicates : sent).add(name);
  const named = new Set<string>();
  const links = artifacts.map((artifact) => {
    const candidates = fileArtifactNames({ uri: artifact.uri, displayName: artifact.name }).filter((name) => sent.has(name));
    for (const candidate of candidates) named.add(candidate);
    return candidates[0];
  });
  return { links, unnamed: [...sent].filter((name) => !named.has(name)), duplicates: [...duplicates] };
}

/**
 * What named a part, as the receipt shows it: of the first artifact naming it, its `uri` when the
 * uri's last segment names it, else its `displayName`; undefined for a part no artifact names.
 */
export function partMatchedBy(artifacts: readonly FileArtifactName[], partName: string): string | undefined {
  for (const artifact of artifacts) {
    const [byUri] = fileArtifactNames({ uri: artifact.uri });
    if (artifact.uri !== undefined && byUri === partName) return artifact.uri;
    if (artifact.name === partName) return artifact.name;
  }
  return undefined;
}

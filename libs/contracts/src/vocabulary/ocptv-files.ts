/**
 * Which file an OCPTV `file` artifact names: the last segment of its `uri`
 * (`file:///var/log/burnin/harness.log` names `harness.log`), else its `displayName`. The results
 * service links an uploaded file part to the artifacts naming it by this rule and the CLI picks the
 * files to send by it, so both read it from here.
 */

/** The file name a uri ends with (percent-decoded, without query or fragment), or undefined for one ending in a folder. */
export function basenameOfUri(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.split(/[/\\]/).pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // kept as written: a literal % in a file name
  }
  return decoded === '' || decoded === '.' || decoded === '..' ? undefined : decoded;
}

/** The names a `file` artifact answers to, in the order a file is linked by: the uri's last segment, then the display name. */
export function fileArtifactNames(artifact: { uri?: string; displayName?: string }): string[] {
  const byUri = artifact.uri === undefined ? undefined : basenameOfUri(artifact.uri);
  return [byUri, artifact.displayName].filter((name): name is string => name !== undefined && name !== '');
}

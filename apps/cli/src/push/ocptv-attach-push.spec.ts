import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { AttachFile } from './file-artifacts';
import { namingFiles, OcptvReceipt, pushOcptvWithFiles, sentAttachments } from './ocptv-attach-push';

const RUN = '6f1c1c1e-8f3a-4a5e-9c55-2a7f1f0e3b11';
const dir = mkdtempSync(join(tmpdir(), 'rackeval-multipart-'));
const streamPath = join(dir, 'burn-in.ocptv.jsonl');
writeFileSync(streamPath, '{"schemaVersion":{"major":2,"minor":0}}\n');
const logPath = join(dir, 'harness.log');
writeFileSync(logPath, 'boot ok\n');
const files: AttachFile[] = [
  { path: logPath, name: 'harness.log', size: 8, contentType: 'text/plain' },
  { path: join(dir, 'summary.json'), name: 'summary.json', size: 70 * 1024 ** 2, contentType: 'application/json' },
];

/** A stand-in results behind the gateway: keeps what the OCPTV route received and answers `answer` to it. */
function fakeResults(answer: { status: number; body: object }) {
  const received: Array<{ contentType?: string; body: string }> = [];
  const reads: string[] = [];
  const server = http.createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (chunk: Buffer) => parts.push(chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && request.url === `/api/results/v1/runs/${RUN}/ocptv`) {
        received.push({ contentType: request.headers['content-type'], body: Buffer.concat(parts).toString('utf8') });
        response.statusCode = answer.status;
        return response.end(JSON.stringify(answer.body));
      }
      // The push reads nothing back: the upload's answer lists its attachments.
      reads.push(`${request.method} ${request.url}`);
      response.statusCode = 404;
      response.end('{}');
    });
  });
  return new Promise<{ url: string; received: typeof received; reads: string[]; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, reads, close: () => server.close() }),
    ),
  );
}

const apiAt = (url: string) => connect({ url, token: 't', configFile: join(dir, 'none.json'), json: true });

describe('an OCPTV push with files', () => {
  it('sends one multipart/form-data request: the stream as part "stream" (application/x-ndjson), each file under its name with its content type', async () => {
    const results = await fakeResults({
      status: 201,
      body: {
        runId: RUN,
        lines: 1,
        measurements: 0,
        rejudged: false,
        artifacts: 1,
        steps: 0,
        diagnoses: {},
        attachments: [
          {
            matched: 'file:///var/log/burnin/harness.log',
            id: 'a-new',
            filename: 'harness.log',
            mediaType: 'text/plain',
            size: 8,
            sha256: 'b'.repeat(64),
            href: `/v1/runs/${RUN}/attachments/a-new`,
          },
        ],
      },
    });
    try {
      const sut = await pushOcptvWithFiles(apiAt(results.url), RUN, streamPath, [files[0]], { attempts: 1 });

      const [sent] = results.received;
      expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(sent.body).toContain(
        'Content-Disposition: form-data; name="stream"; filename="burn-in.ocptv.jsonl"\r\nContent-Type: application/x-ndjson',
      );
      expect(sent.body).toContain('{"schemaVersion":{"major":2,"minor":0}}\n');
      expect(sent.body).toContain(
        'Content-Disposition: form-data; name="file"; filename="harness.log"\r\nContent-Type: text/plain\r\n\r\nboot ok\n',
      );
      // The attachments are the ones the answer lists, each with the path it was read from.
      expect(sut.attachments).toEqual([
        {
          filename: 'harness.log',
          path: logPath,
          size: 8,
          sha256: 'b'.repeat(64),
          mediaType: 'text/plain',
          attachmentId: 'a-new',
          href: `/v1/runs/${RUN}/attachments/a-new`,
        },
      ]);
      expect(sut.receipt.artifacts).toBe(1);
      expect(results.reads).toEqual([]);
    } finally {
      results.close();
    }
  });

  it("shows the server's 400 naming the file part, with exit code 4", async () => {
    const results = await fakeResults({
      status: 400,
      body: {
        statusCode: 400,
        code: 'MALFORMED_OCPTV',
        message: 'file part "harness.log" named by no file artifact (uri or displayName) of the stream; nothing was written',
        details: [{ field: 'parts.harness.log', message: 'named by no file artifact (uri or displayName) of the stream' }],
      },
    });
    try {
      const sut = await pushOcptvWithFiles(apiAt(results.url), RUN, streamPath, [files[0]], { attempts: 3 }).catch((e: CliError) => e);

      expect(sut).toBeInstanceOf(CliError);
      expect((sut as CliError).exitCode).toBe(EXIT.REFUSED);
      expect((sut as CliError).message).toContain(`file harness.log (${logPath}): named by no file artifact`);
      expect(results.received).toHaveLength(1);
    } finally {
      results.close();
    }
  });
});

describe('the attachments a push shows', () => {
  it('are the ones the answer lists, in the order the files were given, each with its path', () => {
    const stored = (id: string, filename: string, mediaType: string, size: number) => ({
      matched: filename,
      id,
      filename,
      mediaType,
      size,
      sha256: id.repeat(64),
      href: `/v1/runs/${RUN}/attachments/${id}`,
    });
    const receipt = {
      runId: RUN,
      lines: 1,
      measurements: 0,
      rejudged: false,
      artifacts: 2,
      steps: 0,
      diagnoses: {},
      attachments: [stored('s', 'summary.json', 'application/json', 70 * 1024 ** 2), stored('h', 'harness.log', 'text/plain', 8)],
    } satisfies OcptvReceipt;

    const sut = sentAttachments(receipt, [
      ...files,
      { path: join(dir, 'other.txt'), name: 'other.txt', size: 1, contentType: 'text/plain' },
    ]);

    expect(sut).toEqual([
      {
        filename: 'harness.log',
        path: logPath,
        size: 8,
        sha256: 'h'.repeat(64),
        mediaType: 'text/plain',
        attachmentId: 'h',
        href: `/v1/runs/${RUN}/attachments/h`,
      },
      {
        filename: 'summary.json',
        path: files[1].path,
        size: 70 * 1024 ** 2,
        sha256: 's'.repeat(64),
        mediaType: 'application/json',
        attachmentId: 's',
        href: `/v1/runs/${RUN}/attachments/s`,
      },
    ]);
  });
});

describe("the server's refusals of a file, naming it", () => {
  it('413: the files over the limit the server names', () => {
    const sut = namingFiles(
      413,
      { statusCode: 413, message: 'the file is larger than the limit of 64 MiB (ATTACHMENTS_MAX_BYTES); nothing was stored' },
      'push',
      streamPath,
      files,
    );

    expect(sut.exitCode).toBe(EXIT.REFUSED);
    expect(sut.message.split('\n')).toEqual([
      'push: 413: the file is larger than the limit of 64 MiB (ATTACHMENTS_MAX_BYTES); nothing was stored',
      `  file summary.json (${files[1].path}): 70 MiB, over 64 MiB`,
    ]);
  });

  it('413 for the stream names the stream', () => {
    const sut = namingFiles(
      413,
      { message: 'the file is larger than the limit of 256 MiB (OCPTV_MAX_BYTES); nothing was stored' },
      'push',
      streamPath,
      files,
    );

    expect(sut.message).toContain(`stream ${streamPath}: larger than OCPTV_MAX_BYTES`);
  });

  it('415: the files sent with the refused media type', () => {
    const sut = namingFiles(
      415,
      { message: 'media type "application/json" is not accepted for attachments; send one of: text/plain, image/png' },
      'push',
      streamPath,
      files,
    );

    expect(sut.exitCode).toBe(EXIT.REFUSED);
    expect(sut.message).toContain(`file summary.json (${files[1].path}): sent as application/json`);
    expect(sut.message).not.toContain('harness.log');
    expect(sut.server?.details).toEqual([{ field: `file summary.json (${files[1].path})`, message: 'sent as application/json' }]);
  });

  it('415 for content that does not match its extension names that file', () => {
    const sut = namingFiles(
      415,
      { message: 'the file is declared text/plain but contains binary data; nothing was stored' },
      'push',
      streamPath,
      files,
    );

    expect(sut.message).toContain(`file harness.log (${logPath}): sent as text/plain`);
    expect(sut.message).not.toContain('summary.json (');
  });
});

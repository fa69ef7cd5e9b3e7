/** An XMLHttpRequest stand-in for uploads: records each request; the test reports progress and answers it. */
export interface StubUpload {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Reports bytes sent so far, as the browser's upload progress event does. */
  progress(loaded: number, total: number): void;
  /** Answers the request with a status and a JSON body. */
  respond(status: number, body?: unknown): void;
}

export function stubUploads(): StubUpload[] {
  const uploads: StubUpload[] = [];
  class FakeXhr {
    upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 0;
    responseText = '';
    private request = { method: '', url: '', headers: {} as Record<string, string> };
    open(method: string, url: string) {
      this.request.method = method;
      this.request.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.request.headers[name.toLowerCase()] = value;
    }
    send(body: unknown) {
      uploads.push({
        ...this.request,
        body,
        progress: (loaded, total) => this.upload.onprogress?.({ loaded, total, lengthComputable: true }),
        respond: (status, answer) => {
          this.status = status;
          this.responseText = answer === undefined ? '' : JSON.stringify(answer);
          this.onload?.();
        },
      });
    }
  }
  global.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  return uploads;
}

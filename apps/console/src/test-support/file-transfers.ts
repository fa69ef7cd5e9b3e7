/**
 * For specs of pages with files to download and attach: before each test a download lands in a
 * stubbed object URL and anchor click (nothing leaves jsdom) and the session is empty; after each,
 * the real XMLHttpRequest is back (`stubUploads` replaces it) and every spy restored. Call it in
 * the `describe` whose tests use files.
 */
export function stubFileTransfers(): void {
  const realXhr = global.XMLHttpRequest;
  beforeEach(() => {
    sessionStorage.clear();
    URL.createObjectURL = jest.fn(() => 'blob:file');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });
  afterEach(() => {
    global.XMLHttpRequest = realXhr;
    jest.restoreAllMocks();
  });
}

import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { saveSession } from '../auth/session-store';
import { sessionOf } from '../test-support/render';
import { stubUploads } from '../test-support/xhr-stub';
import { AttachmentsSection, formatBytes, type AttachedFile } from './attachments-section';

const photo: AttachedFile = {
  id: 'f1',
  filename: 'damage-on-arrival.png',
  mediaType: 'image/png',
  size: 3 * 1024 * 1024,
  sha256: 'cd'.repeat(32),
  uploadedBy: 'ines',
};

const realXhr = global.XMLHttpRequest;

describe('attachments section', () => {
  afterEach(() => {
    global.XMLHttpRequest = realXhr;
    jest.restoreAllMocks();
  });
  beforeEach(() => {
    // saveBlob clicks a download link; jsdom cannot follow it.
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    sessionStorage.clear();
    saveSession(sessionOf('ines', ['intake']));
    URL.createObjectURL = jest.fn(() => 'blob:file');
    URL.revokeObjectURL = jest.fn();
  });

  it('lists the files and downloads one through the given fetch', async () => {
    const download = jest.fn(async () => new Blob(['png']));
    render(<AttachmentsSection title="Files" attachments={[photo]} download={download} />);

    const section = screen.getByRole('region', { name: 'Files' });
    expect(section.textContent).toContain('image/png, 3.0 MiB, by ines');
    await userEvent.click(within(section).getByRole('button', { name: 'damage-on-arrival.png' }));

    expect(download).toHaveBeenCalledWith(photo);
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(HTMLAnchorElement.prototype.click).toHaveBeenCalled();
    expect(screen.queryByLabelText(/Attach a file/)).toBeNull();
  });

  it('says when nothing is attached, and why a download failed', async () => {
    const { rerender } = render(<AttachmentsSection attachments={[]} download={jest.fn()} emptyText="No photos or papers attached." />);
    expect(screen.getByText('No photos or papers attached.')).toBeTruthy();

    rerender(<AttachmentsSection attachments={[photo]} download={() => Promise.reject(new Error('the file is gone'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'damage-on-arrival.png' }));
    expect((await screen.findByRole('alert')).textContent).toBe('the file is gone');
  });

  it('uploads a file with its type and name, shows progress, then asks for the list again', async () => {
    const uploads = stubUploads();
    const onAttached = jest.fn();
    render(
      <AttachmentsSection
        attachments={[]}
        download={jest.fn()}
        uploadPath={(filename) => `/api/intake/v1/rmas/r1/attachments?filename=${encodeURIComponent(filename)}`}
        canAttach
        onAttached={onAttached}
        inputLabel="Attach a file (packing list, photo)"
      />,
    );

    const file = new File(['packing list'], 'packing list.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('Attach a file (packing list, photo)'), file);

    expect(uploads).toHaveLength(1);
    expect(uploads[0].url).toBe('/api/intake/v1/rmas/r1/attachments?filename=packing%20list.pdf');
    expect(uploads[0].headers['content-type']).toBe('application/pdf');
    expect(uploads[0].headers.authorization).toBe('Bearer token-of-ines');
    act(() => uploads[0].progress(6, 12));
    expect((screen.getByRole('progressbar', { name: 'Upload progress' }) as HTMLProgressElement).value).toBe(50);

    act(() => uploads[0].respond(201, { ...photo, filename: 'packing list.pdf' }));
    await waitFor(() => expect(onAttached).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it("shows the server's reason when an upload is refused", async () => {
    const uploads = stubUploads();
    const onAttached = jest.fn();
    render(<AttachmentsSection attachments={[]} download={jest.fn()} uploadPath={() => '/upload'} canAttach onAttached={onAttached} />);

    await userEvent.upload(screen.getByLabelText(/Attach a file/), new File(['x'], 'x.exe', { type: 'application/x-msdownload' }));
    act(() =>
      uploads[0].respond(415, {
        statusCode: 415,
        error: 'Unsupported Media Type',
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'application/x-msdownload is not an accepted file type',
        details: [],
      }),
    );

    expect((await screen.findByRole('alert')).textContent).toContain('application/x-msdownload is not an accepted file type');
    expect(onAttached).not.toHaveBeenCalled();
  });

  it('writes sizes in bytes, KiB and MiB', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual(['512 bytes', '2.0 KiB', '5.0 MiB']);
  });
});

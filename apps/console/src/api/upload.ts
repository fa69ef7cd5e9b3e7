import { ApiError, NetworkError, parseErrorBody } from './api-error';
import { authHeader } from './http';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs a file with XMLHttpRequest, because fetch cannot report upload progress.
 * Resolves with the parsed JSON answer; rejects with ApiError or NetworkError like `request`.
 */
export function uploadWithProgress<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        reject(new ApiError(xhr.status, parseErrorBody(xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new NetworkError('the upload was interrupted'));
    xhr.send(file);
  });
}

export * from './attachment-download';
export * from './filesystem-object-store';
export * from './media-types';
export * from './object-store';
export * from './object-store.factory';
export * from './receive-upload';
export * from './s3-object-store';

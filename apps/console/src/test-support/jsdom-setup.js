// jsdom lacks a few browser globals that react-router and the console use; Node has them.
/* eslint-disable @typescript-eslint/no-require-imports */
const { TextDecoder, TextEncoder } = require('node:util');
const { randomUUID } = require('node:crypto');

if (!global.TextEncoder) global.TextEncoder = TextEncoder;
if (!global.TextDecoder) global.TextDecoder = TextDecoder;
if (!global.crypto) global.crypto = {};
if (!global.crypto.randomUUID) global.crypto.randomUUID = randomUUID;
// The generated API client (openapi-fetch) builds a Request and reads a Response, as browsers do.
if (!global.Request) {
  const streams = require('node:stream/web');
  for (const name of ['ReadableStream', 'WritableStream', 'TransformStream']) if (!global[name]) global[name] = streams[name];
  // undici names MessagePort; MessageChannel stays undefined, or React's scheduler would hold the process open.
  if (!global.MessagePort) global.MessagePort = require('node:worker_threads').MessagePort;
  const { Headers, Request, Response } = require('undici');
  Object.assign(global, { Headers, Request, Response });
}

import { PassThrough } from 'node:stream';
import { COPY_SIGNATURE, COPY_TRAILER, CopyStream } from './copy';

const hex = (buffer: Buffer) => buffer.toString('hex');
const sent = async (stream: PassThrough) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('binary COPY framing', () => {
  it('starts with the PGCOPY signature, no flags and no header extension, and ends with int16 -1', () => {
    expect(hex(COPY_SIGNATURE)).toBe('5047434f50590aff0d0a00' + '00000000' + '00000000');
    expect(hex(COPY_TRAILER)).toBe('ffff');
  });
});

describe('CopyStream', () => {
  it('in binary format sends the signature first, the chunks in order, and the trailer on end', async () => {
    const stream = new PassThrough();
    const received = sent(stream);
    const sut = new CopyStream(stream, 'binary');
    await sut.write(Buffer.from('0001000000080000000000000001', 'hex'));
    await sut.write(Buffer.alloc(0));
    await sut.end(Buffer.from('0001ffffffff', 'hex'));
    expect(hex(await received)).toBe(`${hex(COPY_SIGNATURE)}0001000000080000000000000001` + '0001ffffffff' + 'ffff');
  });

  it('in binary format sends the trailer alone when nothing is left', async () => {
    const stream = new PassThrough();
    const received = sent(stream);
    await new CopyStream(stream, 'binary').end();
    expect(hex(await received)).toBe(`${hex(COPY_SIGNATURE)}ffff`);
  });

  it('in text format sends the chunks as they are, with nothing before or after', async () => {
    const stream = new PassThrough();
    const received = sent(stream);
    const sut = new CopyStream(stream);
    await sut.write('a\t1\n');
    await sut.write('');
    await sut.end('b\t\\N\n');
    expect((await received).toString()).toBe('a\t1\nb\t\\N\n');
  });

  it('throws the stream’s error from the next write, and abort destroys the stream', async () => {
    const stream = new PassThrough();
    const sut = new CopyStream(stream, 'binary');
    stream.emit('error', new Error('COPY failed: invalid input'));
    await expect(sut.write(Buffer.from([0]))).rejects.toThrow('COPY failed');
    await expect(sut.end()).rejects.toThrow('COPY failed');
    const other = new PassThrough();
    const aborted = new CopyStream(other, 'binary');
    await aborted.abort('refused');
    expect(other.destroyed).toBe(true);
  });
});

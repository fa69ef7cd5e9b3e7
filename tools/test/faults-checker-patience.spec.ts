import { patiently } from '../faults/checker/kafka-state';

/** A broker answer kafkajs marks as curable by a retry, as a coordinator still loading its offsets is. */
const coordinatorLoading = () =>
  Object.assign(new Error("The coordinator is loading and hence can't process requests for this group"), {
    name: 'KafkaJSProtocolError',
    type: 'COORDINATOR_LOAD_IN_PROGRESS',
    retriable: true,
  });

describe('the fault checker reading broker state', () => {
  beforeAll(() => jest.spyOn(process.stderr, 'write').mockImplementation(() => true));
  afterAll(() => jest.restoreAllMocks());

  it('waits out a coordinator that is still loading after a broker restart and returns what it then reads', async () => {
    let asked = 0;
    const lag = await patiently('reading group g', async () => {
      asked++;
      if (asked < 3) throw coordinatorLoading();
      return 0;
    });
    expect(lag).toBe(0);
    expect(asked).toBe(3);
  });

  it('reports at once an error no retry can cure', async () => {
    let asked = 0;
    const denied = Object.assign(new Error('Not authorized to access group'), { name: 'KafkaJSProtocolError', retriable: false });
    await expect(
      patiently('reading group g', async () => {
        asked++;
        throw denied;
      }),
    ).rejects.toBe(denied);
    expect(asked).toBe(1);
  });

  it('reports a broker that keeps answering "try again" once its patience is spent', async () => {
    let asked = 0;
    await expect(
      patiently(
        'reading group g',
        async () => {
          asked++;
          throw coordinatorLoading();
        },
        600,
      ),
    ).rejects.toThrow('coordinator is loading');
    expect(asked).toBeGreaterThan(1);
  });
});

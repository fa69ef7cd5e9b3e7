/** What the flow specs read back while the services catch up with each other's events. */
import type { OptionState, RackState } from '@rackeval/api-client';
import { deadLetterTopic } from '@rackeval/contracts';
import { answer, expectStatus, readTopic, type TestApi, testKafka, waitFor } from '@rackeval/testing';

/** What a service dead-lettered; a dead-letter topic never created holds nothing. */
export async function deadLetters(service: string) {
  const topic = deadLetterTopic(service);
  const admin = testKafka().admin();
  await admin.connect();
  const exists = (await admin.listTopics().finally(() => admin.disconnect())).includes(topic);
  return exists ? readTopic(topic, { timeoutMs: 5_000 }) : [];
}

/** The rack as intake (ines) and the option as purchase-option (fiona) show them, and waits for their states. */
export function flowReads(api: () => TestApi) {
  const rackOf = async (serial: string) =>
    expectStatus(
      await answer(
        api()
          .as('ines')
          .intake.GET('/v1/racks/{serial}', { params: { path: { serial } } }),
      ),
      200,
      `read rack ${serial}`,
    );
  const untilRackIs = (serial: string, state: RackState) =>
    waitFor(`rack ${serial} ${state} in intake`, async () => (await rackOf(serial)).state === state, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  const untilOptionIs = (serial: string, state: OptionState) =>
    waitFor(
      `option ${serial} ${state}`,
      async () => {
        const { data } = await api()
          .as('fiona')
          .purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: serial } } });
        return data?.state === state ? data : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  return { rackOf, untilRackIs, untilOptionIs };
}

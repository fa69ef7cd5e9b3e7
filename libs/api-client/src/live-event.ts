/** One event as the gateway's SSE stream sends it (`data:` line, JSON): the gateway writes it, the console reads it. */
export interface LiveEvent {
  id: string;
  type: string;
  /** The rack serial for rack, run, result and option events; the generation code for catalogue events. */
  subject: string;
  time: string;
  correlationId: string;
  data: unknown;
}

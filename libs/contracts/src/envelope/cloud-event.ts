/**
 * CloudEvents 1.0 envelope, plus the correlation and causation extensions.
 * Extension names are lower-case alphanumerics, as the CloudEvents spec requires.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  /** UTC ISO-8601 instant at which the fact happened. */
  time: string;
  /** The aggregate the event is about: a rack serial (or a generation code for catalogue events). */
  subject: string;
  datacontenttype: 'application/json';
  /** Shared by every event one user action (or one rule firing) caused. */
  correlationid: string;
  /** The id of the request or event that directly caused this one. */
  causationid?: string;
  data: T;
}

export const CLOUD_EVENT_SPEC_VERSION = '1.0';

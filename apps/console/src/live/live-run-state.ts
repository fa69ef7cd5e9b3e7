import type { RunProgress } from '../api';

export type LiveRunStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface LiveRunState {
  status: LiveRunStatus;
  /** The newest state of the run received; never replaced by an older one. */
  progress?: RunProgress;
  /** Updates shown so far, for the page's live region. */
  updates: number;
}

export type LiveRunAction =
  | { type: 'connecting' }
  | { type: 'open' }
  | { type: 'progress'; progress: RunProgress }
  | { type: 'dropped' }
  | { type: 'ended' }
  | { type: 'off' };

export const initialLiveRun: LiveRunState = { status: 'off', updates: 0 };

/** Measurement ids are decimal strings (bigint in the database): compared as numbers of any size. */
const newer = (a: RunProgress, b: RunProgress | undefined) => {
  if (!b) return true;
  const [x, y] = [BigInt(a.lastMeasurementId), BigInt(b.lastMeasurementId)];
  return x > y || (x === y && a.at >= b.at);
};

export function liveRunReducer(state: LiveRunState, action: LiveRunAction): LiveRunState {
  switch (action.type) {
    case 'connecting':
      return state.status === 'off' ? { ...state, status: 'connecting' } : state;
    case 'open':
      return state.status === 'live' ? state : { ...state, status: 'live' };
    case 'progress':
      // A stream opened again may repeat or trail what was shown: the page never steps back.
      return newer(action.progress, state.progress) ? { ...state, progress: action.progress, updates: state.updates + 1 } : state;
    case 'dropped':
      return state.status === 'ended' || state.status === 'reconnecting' ? state : { ...state, status: 'reconnecting' };
    case 'ended':
      return state.status === 'ended' ? state : { ...state, status: 'ended' };
    case 'off':
      return state.status === 'off' ? state : { ...state, status: 'off' };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

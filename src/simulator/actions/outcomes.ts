// The two documented shapes of a bulk action's answer, and the per-device outcome texts.
//
// Short form (V03, V14, V19, V20): {actionType, deviceResults, successful}, successes listed in deviceResults.
// Long form (V15, V16, V17, V23, and V18/V21 as the newer 000 edition shows them): the short fields plus
// {results:[{resultId, resultMessage, records}], resultCount}, records being the devices that succeeded.

export const ACTION_SUCCESSFUL = 'com.mobileiron.vsp.messages.device.action.successful';

/**
 * Failure texts. Only "Device not found" (V16, quoted with its sentence's comma) and the label text are in the
 * documents; the others follow their style (plain prose, not message keys). See docs/decisions.md.
 */
export const FAILURE = {
  deviceNotFound: 'Device not found',
  labelNotFound: 'Invalid request. Label not found for Label with ID',
  dynamicLabel: 'Invalid request. Label is a dynamic label and cannot be applied or removed',
  platform: (platform: string) => `Action not supported for platform ${platform}`,
  state: (status: string) => `Action not allowed for a device in state ${status}`,
  retirePending: 'Device is pending retirement. Use isActionForced to force retirement',
} as const;

/** Every sample's resultId is "114"; its meaning is undocumented, so it is reproduced as a constant. */
const RESULT_ID = '114';

export type DeviceResults = Record<string, string>;

export interface ShortActionResponse {
  actionType: string;
  deviceResults: DeviceResults;
  successful: boolean;
}

export interface LongActionResponse<R> extends ShortActionResponse {
  results: Array<{ resultId: string; resultMessage: string | null; records: R[] }>;
  resultCount: number;
}

/** Collects outcomes in request order. `listSuccesses` false keeps successes out of deviceResults (V16, V17, V23). */
export class ActionOutcome {
  readonly deviceResults: DeviceResults = {};
  readonly succeeded: string[] = [];
  private failures = 0;

  constructor(
    readonly actionType: string,
    private readonly listSuccesses: boolean,
  ) {}

  success(key: string): void {
    this.succeeded.push(key);
    if (this.listSuccesses) this.deviceResults[key] = ACTION_SUCCESSFUL;
  }

  failure(key: string, text: string): void {
    this.failures += 1;
    this.deviceResults[key] = text;
  }

  get successful(): boolean {
    return this.failures === 0 && (this.succeeded.length > 0 || this.listSuccesses === false);
  }

  short(): ShortActionResponse {
    return { actionType: this.actionType, deviceResults: this.deviceResults, successful: this.successful };
  }

  /** Long form; the field order follows the samples (results, resultCount, actionType, deviceResults, successful). */
  long<R>(records: R[], resultCount: number): LongActionResponse<R> {
    return { results: [{ resultId: RESULT_ID, resultMessage: null, records }], resultCount, ...this.short() };
  }
}

// Follows a real lock or unlock after its mutation answered: `actionProgress(auditId:)` reports each device as
// PENDING, SUCCEEDED once the MDM shows the state the action leads to, UNCONFIRMED when its deadline passes, or
// NOT_SENT (docs/subscriptions.md "The three fields"). Each event updates its device's row of the results table
// (Progress and Status now); when the stream ends, every device is settled and `onSettled` runs once.
import type { Client } from '@urql/core';
import { fill } from '../dom.js';
import type { PortalActionProgressSubscription } from '../gql/graphql.js';
import { follow } from '../live.js';
import { ActionProgressSubscription } from '../operations/device-actions.js';
import { badge } from './format.js';
import { problemList } from './problems.js';

type ProgressEvent = PortalActionProgressSubscription['actionProgress'];

export function followAction(
  client: Client,
  auditId: string,
  results: HTMLElement,
  signal: AbortSignal,
  onSettled: () => void,
): void {
  const state = results.querySelector<HTMLElement>('.live-state');
  follow(client, ActionProgressSubscription, { auditId }, signal, {
    next: ({ actionProgress }) => showProgress(results, actionProgress),
    end: (problems) => {
      if (state)
        fill(
          state,
          problems.length === 0
            ? 'Every device is settled.'
            : [problemList(problems), 'Live progress stopped: the device is read again.'],
        );
      onSettled();
    },
  });
}

function showProgress(results: HTMLElement, event: ProgressEvent): void {
  // An event about lost events carries no device; the next ones, and the end of the stream, still come.
  if (!event.deviceId || !event.state) return;
  const row = [...results.querySelectorAll<HTMLElement>('.action-result')].find(
    (candidate) => candidate.dataset.id === event.deviceId,
  );
  if (!row) return;
  row.dataset.progress = event.state;
  const progress = row.querySelector('.progress');
  if (progress) fill(progress, badge(event.state));
  const status = row.querySelector('.status-now');
  if (status && event.device) fill(status, badge(event.device.status));
}

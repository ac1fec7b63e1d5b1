import { actionProgress } from './actionProgress.js';
import { alertRaised } from './alertRaised.js';
import { deviceChanged } from './deviceChanged.js';

export const Subscription = { alertRaised, deviceChanged, actionProgress };

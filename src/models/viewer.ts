import type { DeviceSpaceModel } from './device-space.js';

/** The authenticated administrator, as the upstream reports them. */
export interface ViewerModel {
  name: string;
  deviceSpaces: DeviceSpaceModel[];
}

/** Thrown by handlers to answer with a given status and body (always an EPMM or Neurons error envelope). */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`simulated HTTP ${status}`);
  }
}

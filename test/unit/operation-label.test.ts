import { describe, expect, it } from 'vitest';
import { OperationLabels, OTHER_OPERATIONS } from '../../src/observability/operation-label.js';

describe('OperationLabels', () => {
  it('keeps the first names, counts the rest as other, and never grows past the bound', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'A', 'C'].map((name) => labels.label(name))).toEqual(['A', 'B', 'A', 'C']);
    const flood = Array.from({ length: 10_000 }, (_, i) => labels.label(`Op${i}`));
    expect(new Set(flood)).toEqual(new Set([OTHER_OPERATIONS]));
    expect(labels.label('B')).toBe('B');
    expect(labels.label(undefined)).toBe('anonymous');
  });
});

// withoutSuggestion removes graphql-js's "Did you mean …?" in each of its forms, and nothing else.
import { describe, expect, it } from 'vitest';
import { withoutSuggestion } from '../../src/plugins/suggestions.js';

describe('withoutSuggestion', () => {
  it.each([
    [
      'Cannot query field "devicez" on type "Query". Did you mean "devices"?',
      'Cannot query field "devicez" on type "Query".',
    ],
    ['Unknown argument "x" on field "Query.a". Did you mean "y" or "z"?', 'Unknown argument "x" on field "Query.a".'],
    ['Unknown type "Dev". Did you mean "Device", "DeviceFilter", or "DeviceOrder"?', 'Unknown type "Dev".'],
    [
      'Value "ios" does not exist in "Platform" enum. Did you mean the enum value "IOS"?',
      'Value "ios" does not exist in "Platform" enum.',
    ],
    [
      'Cannot query field "uuid" on type "Node". Did you mean to use an inline fragment on "Device"?',
      'Cannot query field "uuid" on type "Node".',
    ],
  ])('%s', (message, expected) => {
    expect(withoutSuggestion(message)).toBe(expected);
  });

  it('leaves a message without a suggestion, and a client value that only looks like one, as it is', () => {
    const plain = 'Variable "$n" is not defined by operation "Q".';
    expect(withoutSuggestion(plain)).toBe(plain);
    const echoed = 'Variable "$s" got invalid value "Did you mean "x"?" at "s.a"; Expected type Int.';
    expect(withoutSuggestion(echoed)).toBe(echoed);
  });
});

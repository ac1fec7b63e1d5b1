// The v1 normaliser: every plausible XML-to-JSON reading of the same response parses to the same value.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  asV1Array,
  parseV1,
  v1Bool,
  v1Content,
  v1EntryMap,
  v1Int,
  v1Items,
  v1List,
  v1MessageTexts,
  v1Messages,
  v1Number,
  v1Object,
  v1String,
  withCanonicalKeys,
} from '../../src/upstream/epmm/v1-json.js';

const Label = v1Object({ id: v1Int, name: v1String, staticLabel: v1Bool });
const Labels = v1Object({ messages: v1Messages, labels: v1List('label', Label) }, { label: 'labels' });
const expected = { messages: ['1 Label (s) returned'], labels: [{ id: -3, name: 'iOS', staticLabel: false }] };

describe('v1Content', () => {
  it('unwraps a root element, whatever its casing', () => {
    expect(v1Content({ deviceManagementWebServiceResponse: { a: 1 } })).toEqual({ a: 1 });
    expect(v1Content({ devicemanagementwebserviceresponse: { a: 1 } })).toEqual({ a: 1 });
    expect(v1Content({ easWebServiceReponse: { a: 1 } })).toEqual({ a: 1 });
    expect(v1Content({ easDevice: { uuid: 'x' } })).toEqual({ uuid: 'x' });
  });

  it('leaves a body without a root element alone, and reads an empty root as {}', () => {
    expect(v1Content({ devices: { device: [] } })).toEqual({ devices: { device: [] } });
    expect(v1Content({ deviceManagementWebServiceResponse: '' })).toEqual({});
  });

  it('folds a stray sibling <message> into messages (the E26 sample)', () => {
    expect(v1Content({ messages: '', message: 'Message sent successfully for all devices.' })).toEqual({
      messages: { message: ['Message sent successfully for all devices.'] },
    });
    expect(v1MessageTexts({ x: { Messages: { message: 'a' }, MESSAGE: 'b' } })).toEqual([]);
    expect(v1MessageTexts({ root_response: { Messages: { message: 'a' }, MESSAGE: 'b' } })).toEqual(['a', 'b']);
  });
});

describe('lists', () => {
  it('asV1Array: absent or empty is [], one value is [value]', () => {
    expect(asV1Array(undefined)).toEqual([]);
    expect(asV1Array('')).toEqual([]);
    expect(asV1Array('a')).toEqual(['a']);
    expect(asV1Array(['a', 'b'])).toEqual(['a', 'b']);
  });

  it.each([
    ['wrapper with an array', { label: [{ id: 1 }] }],
    ['wrapper with one bare item', { label: { id: 1 } }],
    ['collapsed wrapper', [{ id: 1 }]],
    ['array of wrapped items', [{ label: { id: 1 } }]],
    ['a bare item', { id: 1 }],
  ])('v1Items reads %s', (_name, value) => {
    expect(v1Items(value, 'label')).toEqual([{ id: 1 }]);
  });

  it('v1Items reads empty wrappers as no items', () => {
    for (const value of [undefined, null, '', {}, []]) expect(v1Items(value, 'label')).toEqual([]);
  });
});

describe('keys and scalars', () => {
  it('matches keys case-insensitively and reads @id as id', () => {
    expect(withCanonicalKeys({ '@id': '2', BLOCKREASON: 0, other: 1 }, ['id', 'blockReason'])).toEqual({
      id: '2',
      blockReason: 0,
      other: 1,
    });
  });

  it('applies an alias only when the canonical key is absent', () => {
    expect(withCanonicalKeys({ device: 1 }, ['devices'], { device: 'devices' })).toEqual({ device: 1, devices: 1 });
    expect(withCanonicalKeys({ device: 1, devices: 2 }, ['devices'], { device: 'devices' })).toEqual({
      device: 1,
      devices: 2,
    });
  });

  it('coerces text numbers and booleans, and numbers back to text', () => {
    expect(v1Int.parse('-3')).toBe(-3);
    expect(v1Int.parse(97)).toBe(97);
    expect(() => v1Int.parse('9a')).toThrow();
    expect(v1Number.parse('37.386433')).toBeCloseTo(37.386433);
    expect(v1Bool.parse('True')).toBe(true);
    expect(v1Bool.parse('FALSE')).toBe(false);
    expect(() => v1Bool.parse('yes')).toThrow();
    expect(v1String.parse(14085551212)).toBe('14085551212');
    expect(v1String.parse({})).toBe('');
    expect(v1String.parse(null)).toBe('');
  });

  it('reads messages in every form', () => {
    expect(v1Messages.parse(undefined)).toEqual([]);
    expect(v1Messages.parse('')).toEqual([]);
    expect(v1Messages.parse({})).toEqual([]);
    expect(v1Messages.parse({ message: 'one' })).toEqual(['one']);
    expect(v1Messages.parse({ message: ['one', 'two'] })).toEqual(['one', 'two']);
    expect(v1Messages.parse([{ message: 'one' }])).toEqual(['one']);
    expect(v1Messages.parse('plain')).toEqual(['plain']);
  });

  it('reads details entries as a map of texts', () => {
    expect(v1EntryMap.parse('')).toEqual({});
    expect(v1EntryMap.parse({ entry: { key: 'battery_life', value: 100 } })).toEqual({ battery_life: '100' });
    expect(
      v1EntryMap.parse({ Entry: [{ KEY: 'a', Value: 'x' }, { key: 'b', value: {} }, { value: 'orphan' }] }),
    ).toEqual({ a: 'x', b: '' });
  });
});

describe('parseV1', () => {
  it.each([
    [
      'canonical',
      {
        deviceManagementWebServiceResponse: {
          messages: { message: '1 Label (s) returned' },
          labels: { label: { id: -3, name: 'iOS', staticLabel: false } },
        },
      },
    ],
    [
      'lower-case without root',
      {
        messages: { message: '1 Label (s) returned' },
        labels: { label: [{ '@id': '-3', name: 'iOS', staticlabel: 'false' }] },
      },
    ],
    [
      'wrapper dropped',
      { Messages: { Message: '1 Label (s) returned' }, label: { id: '-3', name: 'iOS', staticLabel: 'False' } },
    ],
    [
      'collapsed list',
      {
        deviceManagementWebServiceResponse: {
          messages: '1 Label (s) returned',
          labels: [{ id: -3, name: 'iOS', staticLabel: false }],
        },
      },
    ],
  ])('reads the %s form the same', (_name, body) => {
    expect(parseV1(Labels, body, 'labels')).toEqual(expected);
  });

  it('reports a body that does not fit as UPSTREAM_ERROR', () => {
    expect(() => parseV1(Labels, { labels: { label: { id: 'x' } } }, 'labels')).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_ERROR' }),
    );
    expect(() => parseV1(z.object({ a: z.string() }), 'text', 'thing')).toThrow();
  });
});

// Every element of the served schema carries a description a reader who does not know Ivanti can follow: every named
// type (interfaces, unions, enums, inputs, custom scalars and the root types), field, argument, input field and enum
// value, with no exceptions. The first sentence says what the element means; vendor routes and catalogue ids
// (docs/catalogue-endpoints.json, mapped to fields in docs/upstream-coverage.md) may follow it, never replace it.
import { readFileSync } from 'node:fs';
import {
  buildSchema as buildSdlSchema,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';

/** One schema element and its description, by path: `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`. */
interface Described {
  path: string;
  description: string | null | undefined;
}

/** Every element of every named type except introspection types and the scalars GraphQL itself specifies. */
function describedElements(schema: GraphQLSchema): Described[] {
  const out: Described[] = [];
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    out.push({ path: type.name, description: type.description });
    out.push(...membersOf(type));
  }
  return out;
}

function membersOf(type: GraphQLNamedType): Described[] {
  const out: Described[] = [];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      const path = `${type.name}.${field.name}`;
      out.push({ path, description: field.description });
      out.push(
        ...field.args.map((arg: GraphQLArgument) => ({ path: `${path}(${arg.name})`, description: arg.description })),
      );
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields()))
      out.push({ path: `${type.name}.${field.name}`, description: field.description });
  } else if (isEnumType(type)) {
    for (const value of type.getValues())
      out.push({ path: `${type.name}.${value.name}`, description: value.description });
  }
  return out;
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|cf|approx)\./gi;

/** The description up to its first full stop, question or exclamation mark followed by white space or the end. */
function firstSentence(description: string): string {
  const masked = description.trim().replace(ABBREVIATIONS, (match) => match.replace(/\./g, '\u2024'));
  const end = masked.search(/[.!?](?=\s|$)/);
  const sentence = end === -1 ? masked : masked.slice(0, end + 1);
  return sentence.replace(/\u2024/g, '.');
}

const CATALOGUE = JSON.parse(
  readFileSync(new URL('../../docs/catalogue-endpoints.json', import.meta.url), 'utf8'),
) as Array<{ id: string; path: string }>;

/** The distinct values of `pick` over the catalogue, longest first (so `NG` is tried before a shorter prefix). */
function catalogueSet(pick: (entry: { id: string; path: string }) => string | undefined): string[] {
  const values = new Set(CATALOGUE.map(pick).filter((value): value is string => Boolean(value)));
  return [...values].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/**
 * A catalogue id standing on its own: one of the catalogue's letter prefixes (`V` of V19, `NG` of NG04) and two
 * digits, not inside a longer word (so ISO8601, IPv4, UTF8, E164, 2^53 and `Android 13` do not match), also as the
 * ends of a range (`E09-E20`) or with `'s`.
 */
const CATALOGUE_CODE = new RegExp(
  `\\b(?:${catalogueSet((entry) => /^([A-Z]+)\d+$/.exec(entry.id)?.[1]).join('|')})\\d{2}\\b`,
);
/** A vendor route: a path under one of the catalogue's first segments (`/api/v2/devices`, `/msa/v2/remote/…`). */
const VENDOR_ROUTE = new RegExp(`/(?:${catalogueSet((entry) => /^\/([a-z]+)\//.exec(entry.path)?.[1]).join('|')})/`);

/** What is wrong with a description's first sentence, or null. */
function vendorJargon(description: string): string | null {
  const sentence = firstSentence(description);
  if (VENDOR_ROUTE.test(sentence)) return 'names a vendor route';
  const code = CATALOGUE_CODE.exec(sentence);
  if (code) return `names catalogue id ${code[0]}`;
  return null;
}

const schema = buildSchema();
const elements = describedElements(schema);

describe('schema descriptions', () => {
  it('walks the whole schema', () => {
    const paths = new Set(elements.map((element) => element.path));
    for (const path of ['Query', 'Mutation', 'Node', 'DateTime', 'Device.details(includeBatteryStats)', 'Source.EPMM'])
      expect(paths).toContain(path);
    for (const path of ['String', 'Boolean', '__Type']) expect(paths).not.toContain(path);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing = elements
      .filter((element) => (element.description ?? '').trim() === '')
      .map((element) => element.path);
    expect(missing, `${missing.length} schema elements without a description:\n  ${missing.join('\n  ')}\n`).toEqual(
      [],
    );
  });

  it('starts every description with plain words, not a vendor route or catalogue id', () => {
    const jargon = elements.flatMap((element) => {
      const problem = element.description ? vendorJargon(element.description) : null;
      return problem
        ? [`${element.path}: first sentence ${problem}: "${firstSentence(element.description ?? '')}"`]
        : [];
    });
    expect(jargon, `${jargon.length} descriptions lead with vendor jargon:\n  ${jargon.join('\n  ')}\n`).toEqual([]);
  });
});

describe('the walk', () => {
  it('names every undescribed element by its path', () => {
    const sdl = buildSdlSchema(`
      "Described."
      scalar Long
      type Query { thing(id: ID!, "Described." limit: Int): Thing }
      interface Named { name: String }
      type Thing implements Named { name: String, size: Long }
      input ThingFilter { name: String }
      enum Kind { A, "Described." B }
      union Either = Thing
    `);
    const missing = describedElements(sdl)
      .filter((element) => !element.description)
      .map((element) => element.path);
    expect(missing.sort()).toEqual(
      [
        'Query',
        'Query.thing',
        'Query.thing(id)',
        'Named',
        'Named.name',
        'Thing',
        'Thing.name',
        'Thing.size',
        'ThingFilter',
        'ThingFilter.name',
        'Kind',
        'Kind.A',
        'Either',
      ].sort(),
    );
  });
});

describe('the vendor jargon check', () => {
  it('finds catalogue ids and routes in the first sentence', () => {
    for (const text of [
      'Locks devices (V19).',
      'The NG04 call.',
      'Reads a location (v1 E19), then more.',
      "V03's actions.",
      'Calls E09-E20.',
      'The DS01 list.',
      'Read from `/api/v2/devices/{uuid}/details`.',
      'Opens `/msa/v2/remote/create_teamviewer_session_ios`.',
    ])
      expect(vendorJargon(text), text).not.toBeNull();
  });

  it('leaves ordinary words, versions, formats and later sentences alone', () => {
    for (const text of [
      'An ISO8601 instant in UTC.',
      'An IPv4 or IPv6 address, UTF8 text.',
      'Exact up to 2^53.',
      'Platform and OS version, e.g. `Android 13` or iOS 17.',
      'Phone numbers in E164 form.',
      'The SIM slots of an iOS 14+ device. Read from EPMM (V11, `/api/v2/devices/{uuid}/eid`).',
      'Devices whose version is at least 10.0.22631. See V01.',
      'Locks devices. Sent as EPMM V19.',
    ])
      expect(vendorJargon(text), text).toBeNull();
  });

  it('ends the first sentence at a full stop, not at an abbreviation or a dotted name', () => {
    expect(firstSentence('A value, e.g. `common.uuid`, as sent. Then V19.')).toBe(
      'A value, e.g. `common.uuid`, as sent.',
    );
    expect(firstSentence('No full stop at all')).toBe('No full stop at all');
  });
});

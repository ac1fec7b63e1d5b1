import type { ParamSpec, ParamValues } from './route.js';

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** Validates and converts query parameters by their specs; undeclared parameters are ignored, as EPMM ignores the UI's `page`/`start`. */
export function parseParams(specs: Record<string, ParamSpec> | undefined, raw: URLSearchParams): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    const text = raw.get(name);
    if (text === null) {
      if (spec.required) throw new ParamError(name, `${name}: Required parameter is missing.`);
      continue;
    }
    out[name] = convert(name, spec, text);
  }
  return out;
}

function convert(name: string, spec: ParamSpec, text: string): string | number | boolean | string[] {
  const range = spec.rangeMessage ?? rangeText(spec);
  switch (spec.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(text.trim())) throw new ParamError(name, `${name}: '${text}' is not a number.`);
      const value = Number(text);
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        throw new ParamError(name, `${name}: ${range}`);
      }
      return value;
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new ParamError(name, `${name}: must be true or false.`);
      return lower === 'true';
    }
    case 'string': {
      if (spec.maxLength !== undefined && text.length > spec.maxLength) {
        throw new ParamError(name, `${name}: Must be no more than ${spec.maxLength} characters.`);
      }
      return text;
    }
    case 'list': {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      if (spec.min !== undefined && items.length < spec.min)
        throw new ParamError(name, `${name}: at least ${spec.min} value(s) required.`);
      if (spec.maxItems !== undefined && items.length > spec.maxItems)
        throw new ParamError(name, `${name}: no more than ${spec.maxItems} values.`);
      const long = spec.maxLength === undefined ? undefined : items.find((item) => item.length > spec.maxLength!);
      if (long !== undefined)
        throw new ParamError(name, `${name}: each value must be no more than ${spec.maxLength} characters long.`);
      return items;
    }
  }
}

function rangeText(spec: ParamSpec): string {
  return `Must be at least ${spec.min ?? 0} and no more than ${spec.max}.`;
}

/** A JSON Schema node as `/api/openapi.json` writes it (zod's output). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  default?: unknown;
}

/** Values for properties that name a resource: real ids of the seeded world, by property name. */
export type IdsByName = Record<string, string>;

const dayAfterTomorrow = () => new Date(Date.now() + 2 * 86_400_000);

function stringFor(name: string, node: SchemaNode, ids: IdsByName): string {
  if (ids[name]) return ids[name];
  if (node.format === 'date') return dayAfterTomorrow().toISOString().slice(0, 10);
  if (node.format === 'date-time') return dayAfterTomorrow().toISOString();
  if (node.format === 'email') return `exhaustive-${Date.now()}@example.test`;
  if (node.format === 'uri' || node.format === 'url') return 'https://example.test';
  if (node.pattern === '^[0-9a-f]{24}$' || /^\^\[0-9a-f\]\{24\}/.test(node.pattern ?? ''))
    return ids.fallback!;
  if (node.pattern && /\\d\{6\}/.test(node.pattern)) return '000000';
  if (node.pattern && /\\d\{11\}/.test(node.pattern)) return '41234502002';
  return 'Texte minimal '.padEnd(Math.max(node.minLength ?? 0, 14), 'x');
}

/**
 * The smallest body the schema allows: required properties only, the first choice of every union and
 * enum, the least items an array may have; ids come from the seeded world by property name.
 */
export function minimalBody(node: SchemaNode | undefined, ids: IdsByName, name = ''): unknown {
  if (!node) return undefined;
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  const choice = node.anyOf ?? node.oneOf;
  if (choice) {
    const nonNull = choice.find((option) => option.type !== 'null') ?? choice[0];
    return minimalBody(nonNull, ids, name);
  }
  if (node.allOf) return Object.assign({}, ...node.allOf.map((part) => minimalBody(part, ids, name)));
  const type = Array.isArray(node.type) ? node.type.find((candidate) => candidate !== 'null') : node.type;
  switch (type) {
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const key of node.required ?? []) body[key] = minimalBody(node.properties?.[key], ids, key);
      // A change request with nothing required still has to change something: its first field.
      const [first] = Object.entries(node.properties ?? {});
      if (!name && Object.keys(body).length === 0 && first)
        body[first[0]] = minimalBody(first[1], ids, first[0]);
      return body;
    }
    case 'array':
      return Array.from({ length: node.minItems ?? 0 }, () => minimalBody(node.items, ids, name));
    case 'string':
      return stringFor(name, node, ids);
    case 'integer':
    case 'number':
      return node.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return node.default ?? null;
  }
}

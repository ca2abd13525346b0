/**
 * zod's registry gives every named schema an input and an output copy
 * ("Order" and "OrderInput"); response-only schemas leave their input copy
 * unreferenced. Drop components nothing refers to, so the document lists
 * only what an operation uses (redocly's no-unused-components).
 */
export function pruneUnusedComponents<T extends object>(document: T): T {
  const doc = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  const { schemas: _all, ...otherComponents } = doc.components!;
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  // Reachable from everything outside components.schemas, then through the schemas those reach.
  const reached = new Set<string>(refsIn({ ...doc, components: otherComponents }));
  const queue = [...reached];
  while (queue.length) {
    for (const name of refsIn(schemas[queue.pop()!])) {
      if (!reached.has(name)) {
        reached.add(name);
        queue.push(name);
      }
    }
  }
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name))) } } as T;
}

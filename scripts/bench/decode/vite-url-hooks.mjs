// Node module hooks for the decode bench: Vite's "?url" imports (zxing-engine.ts imports
// its .wasm that way) become a module whose default export is the file's path. The bench
// hands zxing-wasm the .wasm bytes itself, so the path is never fetched.
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith('?url')) return nextResolve(specifier, context);
  const target = await nextResolve(specifier.slice(0, -'?url'.length), context);
  return { url: `${target.url}?url`, shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('?url')) return nextLoad(url, context);
  const path = fileURLToPath(url.slice(0, -'?url'.length));
  return { format: 'module', source: `export default ${JSON.stringify(path)};`, shortCircuit: true };
}

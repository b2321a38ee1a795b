// npm run reindex — rebuild the search index(es) from the registry, with progress.
import { bootstrap } from '../server/bootstrap';
import { readConfig } from '../server/config';
import { createProgressBar } from './lib/progress';

const config = readConfig(process.env);
const runtime = await bootstrap(config, { log: (m) => console.error(m) });
const started = Date.now();
const bars = new Map<string, ReturnType<typeof createProgressBar>>();
await runtime.deps.search.reindex((engine, done, total) => {
  let bar = bars.get(engine);
  if (!bar) bars.set(engine, (bar = createProgressBar(`reindex ${engine}`)));
  bar.update(done, total);
});
for (const bar of bars.values()) bar.finish();
const engines = runtime.deps.search.engines();
console.log(`Reindexed ${[engines.primary, engines.fallback].filter(Boolean).join(' and ')} at registry version ${runtime.deps.registry.currentVersion()} in ${Date.now() - started} ms`);
runtime.close();

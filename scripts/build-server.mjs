// `npm run build:server [-- --if-stale]`: compile the server to dist/server/ (see lib/server-build.mjs).
import { buildServer, buildServerIfStale, MissingBuildInput } from './lib/server-build.mjs';

try {
  if (process.argv.includes('--if-stale')) {
    if (!(await buildServerIfStale())) console.log('server: dist/server is up to date');
  } else {
    console.log(`server: built dist/server in ${((await buildServer()) / 1000).toFixed(1)} s`);
  }
} catch (e) {
  if (!(e instanceof MissingBuildInput)) throw e;
  console.error(e.message);
  process.exit(1);
}

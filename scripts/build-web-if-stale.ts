// `npm start` runs this first, so a fresh clone needs only `npm install && npm start`.
import { buildWebIfStale } from './lib/web-build';

if (!buildWebIfStale()) console.log('web app: web/dist is up to date');

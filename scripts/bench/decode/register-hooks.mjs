// Registers vite-url-hooks.mjs before the bench's modules load (node --import).
import { register } from 'node:module';

register('./vite-url-hooks.mjs', import.meta.url);

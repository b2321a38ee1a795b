// The app's one API client, on the page's own origin.
import { createApiClient } from './client';

export { timeout } from './timeout';

export const api = createApiClient('');

import { render } from 'preact';
import { App } from './app/App';
import { registerServiceWorker } from './app/register-sw';
import { interceptLinks } from './app/router';
import './styles.css';

// A stamp URL opened with no signal gets the app shell from the service worker instead of
// the server's verdict page: check it in the app, from the offline copy.
if (/^\/s\/[^/]+\/[^/]+\/[^/]+\/?$/i.test(location.pathname)) {
  history.replaceState(null, '', `/?scan=${encodeURIComponent(`${location.origin}${location.pathname}`)}`);
}
interceptLinks();
render(<App />, document.getElementById('app')!);
registerServiceWorker();

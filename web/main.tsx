import { render } from 'preact';
import { App } from './app/App';
import { registerServiceWorker } from './app/register-sw';
import { interceptLinks } from './app/router';
import './styles.css';

interceptLinks();
render(<App />, document.getElementById('app')!);
registerServiceWorker();

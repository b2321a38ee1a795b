// Link handling at the document: app links navigate in place, a link within the page
// (the skip link) is left to the browser, which moves focus to its target.
import { beforeAll, describe, expect, it } from 'vitest';
import { interceptLinks } from '../../web/app/router';

beforeAll(() => interceptLinks());

function click(href: string): MouseEvent {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = href;
  document.body.append(a);
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
  a.dispatchEvent(event);
  a.remove();
  return event;
}

describe('interceptLinks', () => {
  it('navigates app links without reloading the page', () => {
    history.replaceState(null, '', '/');
    expect(click('/directory?q=che').defaultPrevented).toBe(true);
    expect(window.location.pathname + window.location.search).toBe('/directory?q=che');
  });

  it('leaves the skip link (#main on this page) to the browser', () => {
    history.replaceState(null, '', '/history');
    expect(click('#main').defaultPrevented).toBe(false);
  });

  it('still navigates to a fragment of another screen', () => {
    history.replaceState(null, '', '/');
    expect(click('/about#privacy').defaultPrevented).toBe(true);
    expect(window.location.pathname).toBe('/about');
  });
});

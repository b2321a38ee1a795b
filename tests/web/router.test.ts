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

describe('app paths', () => {
  it("the app's screens are app paths (200 from the server); anything else is not (404, the not-found screen)", async () => {
    const { isAppPath } = await import('../../server/domain/app-paths');
    const { tabOf } = await import('../../web/app/routes');
    for (const path of ['/', '/directory', '/marks/', '/product/p-ga-doi-ba-vi-1b61la8', '/verdict/abc', '/about']) expect(isAppPath(path), path).toBe(true);
    for (const path of ['/khong-co-trang-nay', '/product/', '/product/a/b', '/admin', '/directory/x']) expect(isAppPath(path), path).toBe(false);
    expect(tabOf('/khong-co-trang-nay')).toBeNull();
    expect(tabOf('/')).toBe('scan');
    expect(tabOf('/product/x')).toBe('directory');
  });
});

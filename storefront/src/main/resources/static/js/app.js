// Shared by every page: the session, calls to the storefront's API (CSRF header on writes), the cart (kept in the
// browser), activity batching and the page header. No build step: a plain ES module.

let sessionPromise;

/** Who is logged in: {authenticated, userId, roles}. Also makes the storefront set the XSRF-TOKEN cookie. */
export function session() {
  sessionPromise ??= fetch('/bff/session', { headers: { Accept: 'application/json' } }).then(r => r.json());
  return sessionPromise;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** A JSON call to the storefront (routed to the services); throws an Error carrying the problem detail. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    init.headers['X-XSRF-TOKEN'] = csrfToken();
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    location.href = '/oauth2/authorization/eventmart';
    throw new Error('not logged in');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json?.detail || json?.title || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.problem = json;
    throw error;
  }
  return { status: response.status, headers: response.headers, body: json };
}

export function money(amount, currency = 'EUR') {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(amount));
}

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// --- Cart: in the browser's localStorage; prices are only shown here, order-service prices the order itself ----
const CART = 'eventmart.cart';

export const cart = {
  items() {
    return JSON.parse(localStorage.getItem(CART) || '[]');
  },
  add(product, quantity = 1) {
    const items = cart.items();
    const line = items.find(item => item.productId === product.productId);
    if (line) {
      line.quantity += quantity;
    } else {
      items.push({ productId: product.productId, name: product.name, price: product.price,
        currency: product.currency, quantity });
    }
    localStorage.setItem(CART, JSON.stringify(items));
    activity.track('addtocart', { productId: product.productId, quantity, price: product.price,
      cartTotal: cart.total(), cartItemCount: cart.count() });
    renderCartCount();
  },
  remove(productId) {
    localStorage.setItem(CART, JSON.stringify(cart.items().filter(item => item.productId !== productId)));
    renderCartCount();
  },
  clear() {
    localStorage.removeItem(CART);
    renderCartCount();
  },
  count() {
    return cart.items().reduce((sum, item) => sum + item.quantity, 0);
  },
  total() {
    return Math.round(cart.items().reduce((sum, item) => sum + Number(item.price) * item.quantity, 0) * 100) / 100;
  },
};

// --- Activity: queued and sent in batches to /bff/activity, which stamps the user on them -----------------------
const queue = [];
let timer;

export const activity = {
  track(eventType, data) {
    queue.push({ eventType, data });
    timer ??= setTimeout(() => activity.flush(), 2000);
  },
  /** Sends what is queued now; keepalive lets the request outlive the page when it is left. */
  flush() {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) {
      return Promise.resolve();
    }
    const events = queue.splice(0, queue.length);
    return fetch('/bff/activity', {
      method: 'POST', keepalive: true,
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() },
      body: JSON.stringify({ events }),
    }).catch(error => console.warn('activity not sent', error));
  },
};
addEventListener('pagehide', () => activity.flush());

// --- Header -----------------------------------------------------------------------------------------------------
function renderCartCount() {
  const badge = document.getElementById('cart-count');
  if (badge) {
    badge.textContent = cart.count();
  }
}

/** Renders the navigation, reports the page view, and answers the session. */
export async function page(title) {
  const me = await session();
  const staff = me.roles?.includes('ops');
  document.getElementById('top').innerHTML = `
    <a class="brand" href="/">EventMart</a>
    <nav>
      <a href="/">Catalog</a>
      <a href="/cart.html" id="cart-link">Cart (<span id="cart-count">0</span>)</a>
      ${me.authenticated ? '<a href="/orders.html" id="my-orders">My orders</a>' : ''}
      ${staff ? '<a href="/operations.html" id="operations-link">Operations</a>' : ''}
      ${me.authenticated
        ? `<span class="user" id="user">${escape(me.userId)}</span><a href="#" id="logout">Log out</a>`
        : '<a href="/orders.html" id="login">Log in</a>'}
    </nav>`;
  document.getElementById('logout')?.addEventListener('click', async event => {
    event.preventDefault();
    await activity.flush();
    await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() } });
    location.href = '/';
  });
  renderCartCount();
  activity.track('pageview', { pageUrl: location.pathname + location.search, pageTitle: title,
    previousPage: document.referrer ? new URL(document.referrer).pathname : null,
    loadTimeMs: Math.round(performance.now()) });
  return me;
}

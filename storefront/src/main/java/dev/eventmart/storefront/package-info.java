/** The storefront: pages, login as a backend-for-frontend, and the routes to the services' APIs. */
package dev.eventmart.storefront;

/** {@code /api/**} to the services, with the logged-in user's access token; the live order stream relayed as it comes. */
package dev.eventmart.storefront.routing;

/** Login against identity-service (authorization code + PKCE, confidential client), sessions, CSRF, who may see what. */
package dev.eventmart.storefront.security;

/** What a token says and how it is signed: the claims the resource servers rely on, and the RSA key. */
package dev.eventmart.identity.token;

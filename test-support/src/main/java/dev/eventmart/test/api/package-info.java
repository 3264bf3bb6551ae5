/** A service's OpenAPI document held against its committed copy and against the service's real answers. */
package dev.eventmart.test.api;

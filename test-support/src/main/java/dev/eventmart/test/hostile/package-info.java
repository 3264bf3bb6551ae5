/** Hostile HTTP input for every service's API: the cases, a raw client that can send them, and the checks. */
package dev.eventmart.test.hostile;

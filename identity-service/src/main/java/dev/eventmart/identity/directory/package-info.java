/** Who may get a token: the seeded demo clients and users, held in memory. */
package dev.eventmart.identity.directory;

/** Advisory locks shared by the services' batch transactions. */
package dev.eventmart.support.locking;

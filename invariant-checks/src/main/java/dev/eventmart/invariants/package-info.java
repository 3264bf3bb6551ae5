/** The invariants of the design, checked over a run by the end-to-end suite, the benchmark and the fault harness. */
package dev.eventmart.invariants;

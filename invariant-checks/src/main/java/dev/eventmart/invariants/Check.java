package dev.eventmart.invariants;

/** One check of the invariant numbered {@code invariant} (1 to 6, as the design numbers them) and what it found. */
public record Check(int invariant, String what, boolean ok, String detail) {

    public String result() {
        return ok ? "PASS" : "FAIL";
    }

    @Override
    public String toString() {
        return "invariant " + invariant + " " + result() + ": " + what + " (" + detail + ")";
    }
}

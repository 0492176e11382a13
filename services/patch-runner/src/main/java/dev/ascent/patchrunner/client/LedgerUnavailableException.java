package dev.ascent.patchrunner.client;

/** The ledger could not answer (down, too slow, or failing): not the same as "this person is not trusted". */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.irm.connector;

/** Holder of the one token that can mint a {@link Consent}; handed to the consent gate only. */
public final class ConsentIssuer {
    private static boolean handedOut;

    private ConsentIssuer() {
    }

    public static final class Token {
        private Token() {
        }
    }

    public static synchronized Token token() {
        if (handedOut) {
            throw new IllegalStateException("the consent token was already handed out");
        }
        handedOut = true;
        return new Token();
    }
}

package cn.dsr.platform.support;

import java.net.ConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A failure of the resources behind a request or an event, not of the request or event itself:
 * the database unreachable, no pooled connection free in time, a lock or serialization conflict, a
 * server called over HTTP (the token issuer for its keys) refusing the connection or not answering in time.
 * The same work may succeed when retried later.
 */
public final class TransientFailure {

    private TransientFailure() {}

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof ConnectException
                    || t instanceof io.netty.handler.timeout.TimeoutException
                    || t instanceof io.r2dbc.spi.R2dbcTransientException
                    || t instanceof io.r2dbc.spi.R2dbcNonTransientResourceException) {
                return true;
            }
        }
        return false;
    }
}

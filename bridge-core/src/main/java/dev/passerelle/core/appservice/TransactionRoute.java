package dev.passerelle.core.appservice;

import dev.passerelle.core.intake.AcceptResult;
import dev.passerelle.core.intake.IntakeClosedException;
import dev.passerelle.core.intake.InvalidTransactionException;
import dev.passerelle.core.intake.TransactionBody;
import dev.passerelle.core.intake.TransactionIntake;
import dev.passerelle.core.metrics.IntakeMetrics;
import dev.passerelle.core.metrics.IntakeMetrics.TransactionResult;
import dev.passerelle.core.store.StoreUnavailableException;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /transactions/{txnId}}: reads the body within the size limit, validates it, has the intake store it,
 * and answers 200 {@code {}} only once it is committed. Nothing is stored for a refused request.
 */
final class TransactionRoute {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRoute.class);
    private static final String RESULT = "passerelle.intake.result";
    private static final int MAX_TXN_ID_LENGTH = 255;

    private final TransactionIntake intake;
    private final IntakeMetrics metrics;
    private final long maxBodyBytes;

    TransactionRoute(TransactionIntake intake, IntakeMetrics metrics, long maxBodyBytes) {
        this.intake = intake;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Runs first on transaction routes (before the token check) so that every answer is counted. */
    void count(RoutingContext ctx) {
        Timer.Sample sample = Timer.start();
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status == 200) {
                AcceptResult result = ctx.get(RESULT, AcceptResult.ACCEPTED);
                metrics.transaction(result == AcceptResult.DUPLICATE ? TransactionResult.DUPLICATE
                        : TransactionResult.ACCEPTED);
                sample.stop(metrics.ackTimer());
            } else {
                metrics.transaction(status >= 500 ? TransactionResult.FAILED : TransactionResult.REJECTED);
            }
        });
        ctx.next();
    }

    void handle(RoutingContext ctx) {
        String txnId = ctx.pathParam("txnId");
        if (txnId == null || txnId.isEmpty() || txnId.length() > MAX_TXN_ID_LENGTH) {
            MatrixErrors.error(ctx, 400, "M_INVALID_PARAM", "The transaction id must be 1 to " + MAX_TXN_ID_LENGTH
                    + " characters long");
            return;
        }
        Buffer raw;
        try {
            raw = BoundedBody.read(ctx.request(), maxBodyBytes).await();
        } catch (Exception e) {
            if (e instanceof BodyTooLargeException tooLarge) {
                MatrixErrors.error(ctx, 413, "M_TOO_LARGE", tooLarge.getMessage()
                        + "; raise it if the homeserver legitimately sends transactions this large");
            } else if (e instanceof IllegalArgumentException bad) {
                MatrixErrors.error(ctx, 400, "M_BAD_JSON", bad.getMessage());
            } else {
                LOG.debug("Transaction {} body could not be read: {}", txnId, e.toString());
                ctx.request().connection().close();
            }
            return;
        }
        byte[] bytes = raw.getBytes();
        TransactionBody body;
        try {
            body = TransactionBody.parse(bytes);
        } catch (InvalidTransactionException e) {
            MatrixErrors.error(ctx, 400, e.errcode(), e.getMessage());
            return;
        }
        AcceptResult result;
        try {
            result = OffContext.call("intake " + txnId, () -> intake.accept(txnId, bytes, body));
        } catch (StoreUnavailableException e) {
            LOG.warn("Transaction {} refused with 503, the database is unavailable: {}", txnId, e.getMessage());
            MatrixErrors.error(ctx, 503, "M_UNKNOWN", "The bridge could not store the transaction: database "
                    + "unavailable, the homeserver will retry");
            return;
        } catch (IntakeClosedException e) {
            MatrixErrors.error(ctx, 503, "M_UNKNOWN", e.getMessage());
            return;
        }
        ctx.put(RESULT, result);
        MatrixErrors.json(ctx, 200, "{}");
    }
}

package dev.passerelle.testkit.homeserver;

/** A Matrix error the fake answers with: {@code {"errcode": ..., "error": ...}} and an HTTP status. */
final class MatrixError extends RuntimeException {
    final int status;
    final String errcode;

    MatrixError(int status, String errcode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errcode = errcode;
    }

    static MatrixError forbidden(String message) {
        return new MatrixError(403, "M_FORBIDDEN", message);
    }

    static MatrixError notFound(String message) {
        return new MatrixError(404, "M_NOT_FOUND", message);
    }

    static MatrixError badJson(String message) {
        return new MatrixError(400, "M_BAD_JSON", message);
    }
}

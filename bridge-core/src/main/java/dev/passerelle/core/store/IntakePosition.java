package dev.passerelle.core.store;

/**
 * Where an event sits in the intake order: the transaction's sequence number, then its index in that transaction.
 */
public record IntakePosition(long txnSeq, int index) implements Comparable<IntakePosition> {

    @Override
    public int compareTo(IntakePosition o) {
        int bySeq = Long.compare(txnSeq, o.txnSeq);
        return bySeq != 0 ? bySeq : Integer.compare(index, o.index);
    }

    public boolean isAfter(IntakePosition o) {
        return compareTo(o) > 0;
    }
}

package dev.passerelle.core.intake;

/**
 * Where an event sits in the intake order: the transaction's sequence number, then its index in that transaction.
 */
record EventPosition(long txnSeq, int index) implements Comparable<EventPosition> {

    static EventPosition of(InboundEvent event) {
        return new EventPosition(event.txnSeq(), event.index());
    }

    @Override
    public int compareTo(EventPosition o) {
        int bySeq = Long.compare(txnSeq, o.txnSeq);
        return bySeq != 0 ? bySeq : Integer.compare(index, o.index);
    }

    boolean isAfter(EventPosition o) {
        return compareTo(o) > 0;
    }
}

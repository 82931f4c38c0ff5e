package jp.horenso.platform.sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers asked of the database once per transaction: the first lookup under a key runs, the later ones within the
 * same transaction get its answer. Outside a transaction every lookup runs.
 *
 * <p>For answers the transaction itself does not change (the transaction's {@code now()}; the directory while a
 * timer batch fires). Code that changes what a key answers must {@link #forget} that kind of key in the same
 * transaction. Keys are values (records) whose type says what they remember.
 */
@ApplicationScoped
public class TransactionMemo {

    private static final Object MEMO = new Object();

    private final TransactionSynchronizationRegistry transaction;

    public TransactionMemo(TransactionSynchronizationRegistry transaction) {
        this.transaction = transaction;
    }

    /** The transaction's answer under {@code key}, looked up by {@code lookup} the first time it is asked. */
    @SuppressWarnings("unchecked")
    public <T> T remember(Object key, Supplier<T> lookup) {
        Map<Object, Object> memo = memo();
        if (memo == null) {
            return lookup.get();
        }
        if (memo.containsKey(key)) {
            return (T) memo.get(key);
        }
        T answer = lookup.get();
        memo.put(key, answer);
        return answer;
    }

    /** Forgets the transaction's answers under keys of {@code kind} (a key's class or an interface it implements). */
    public void forget(Class<?> kind) {
        Map<Object, Object> memo = memo();
        if (memo != null) {
            memo.keySet().removeIf(kind::isInstance);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> memo() {
        if (transaction.getTransactionKey() == null) {
            return null;
        }
        Object memo = transaction.getResource(MEMO);
        if (memo == null) {
            memo = new HashMap<>();
            transaction.putResource(MEMO, memo);
        }
        return (Map<Object, Object>) memo;
    }
}

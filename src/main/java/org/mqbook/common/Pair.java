package org.mqbook.common;

/**
 * Two values travelling together (a processor and its executor, a key and its lock).
 * Mutable, not thread-safe.
 */
public class Pair<T1, T2> {
    private T1 object1;
    private T2 object2;

    public Pair(final T1 object1, final T2 object2) {
        this.object1 = object1;
        this.object2 = object2;
    }

    public T1 getObject1() {
        return object1;
    }

    public void setObject1(final T1 object1) {
        this.object1 = object1;
    }

    public T2 getObject2() {
        return object2;
    }

    public void setObject2(final T2 object2) {
        this.object2 = object2;
    }

    @Override
    public String toString() {
        return "Pair[" + object1 + ", " + object2 + "]";
    }
}

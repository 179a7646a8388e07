package org.mqbook.store;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees a mapped or direct buffer now instead of when the garbage collector finds it: a deleted
 * commit-log file keeps its disk space (and a 1 GiB mapping its address space) until unmapped.
 *
 * <p>Uses {@code sun.misc.Unsafe.invokeCleaner}, which module {@code jdk.unsupported} opens to
 * every class, so no {@code --add-opens} flag is needed. When it is unavailable the buffer is left
 * to the collector. Freeing a buffer that is still read crashes the JVM: callers free only
 * through {@link ReferenceResource} cleanup. Thread-safe.
 */
final class DirectBuffers {
    private static final Logger log = LoggerFactory.getLogger(DirectBuffers.class);
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            final Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            final Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("sun.misc.Unsafe.invokeCleaner is not available; buffers are freed by GC", e);
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    private DirectBuffers() {
    }

    /** Unmaps or frees {@code buffer} (the original, never a slice); null or heap: no-op. */
    static void free(final ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("could not free a direct buffer of {} bytes", buffer.capacity(), e);
        }
    }
}

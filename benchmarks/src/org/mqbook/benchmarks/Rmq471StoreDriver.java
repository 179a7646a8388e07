package org.mqbook.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mqbook.interop.Rmq471;

/**
 * Apache RocketMQ 4.7.1's {@link StoreDriver}: the 4.7.1-side adapter
 * {@code org.mqbook.rmq471.StoreBenchDriver} (compiled against the 4.7.1 jars by
 * {@link Rmq471#compile()}), loaded in this JVM through its own class loader and called by
 * method handles.
 * <pre>
 *  platform class loader  (java.*, no application classes)
 *    ├─ application loader   mqbook, JMH, netty 4.2, fastjson2, slf4j 2
 *    └─ 4.7.1 loader         target/rmq471/classes + the 4.7.1 jars (netty 4.0, fastjson 1)
 * </pre>
 * The two loaders share only the JDK, so 4.7.1's old netty and fastjson never meet mqbook's;
 * the adapter's methods take and return JDK types only. The JVM needs the {@code --add-opens}
 * flags of {@link Rmq471#ADD_OPENS} (the benchmarks' {@code @Fork} adds them). Thread-safe as
 * the 4.7.1 store is.
 */
final class Rmq471StoreDriver implements StoreDriver {
    private static final String ADAPTER = "org.mqbook.rmq471.StoreBenchDriver";

    private final URLClassLoader loader;
    private final MethodHandle put;
    private final MethodHandle maxPhyOffset;
    private final MethodHandle dispatchedPhyOffset;
    private final MethodHandle maxQueueOffset;
    private final MethodHandle get;
    private final MethodHandle close;

    Rmq471StoreDriver(final Path root, final Map<String, String> props) throws Throwable {
        final List<URL> urls = new ArrayList<>();
        urls.add(Rmq471.compile().toUri().toURL());
        for (Path jar : Rmq471.classpath()) {
            urls.add(jar.toUri().toURL());
        }
        loader = new URLClassLoader("rmq471", urls.toArray(new URL[0]),
            ClassLoader.getPlatformClassLoader());
        final Class<?> type = Class.forName(ADAPTER, true, loader);
        final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        final Thread self = Thread.currentThread();
        final ClassLoader previous = self.getContextClassLoader();
        final Object adapter;
        self.setContextClassLoader(loader);
        try {
            adapter = lookup.findConstructor(type,
                MethodType.methodType(void.class, String.class, Map.class))
                .invoke(root.toString(), props);
        } finally {
            self.setContextClassLoader(previous);
        }
        put = bind(lookup, type, adapter, "put",
            MethodType.methodType(boolean.class, String.class, int.class, byte[].class));
        maxPhyOffset = bind(lookup, type, adapter, "maxPhyOffset",
            MethodType.methodType(long.class));
        dispatchedPhyOffset = bind(lookup, type, adapter, "dispatchedPhyOffset",
            MethodType.methodType(long.class));
        maxQueueOffset = bind(lookup, type, adapter, "maxQueueOffset",
            MethodType.methodType(long.class, String.class, int.class));
        get = bind(lookup, type, adapter, "get",
            MethodType.methodType(int.class, String.class, int.class, long.class, int.class));
        close = bind(lookup, type, adapter, "close", MethodType.methodType(void.class));
    }

    private static MethodHandle bind(final MethodHandles.Lookup lookup, final Class<?> type,
        final Object adapter, final String name, final MethodType methodType)
        throws ReflectiveOperationException {
        return lookup.findVirtual(type, name, methodType).bindTo(adapter);
    }

    @Override
    public boolean put(final String topic, final int queueId, final byte[] body) {
        try {
            return (boolean) put.invokeExact(topic, queueId, body);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public long maxPhyOffset() {
        try {
            return (long) maxPhyOffset.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public long dispatchedPhyOffset() {
        try {
            return (long) dispatchedPhyOffset.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public long maxQueueOffset(final String topic, final int queueId) {
        try {
            return (long) maxQueueOffset.invokeExact(topic, queueId);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int get(final String topic, final int queueId, final long offset, final int max) {
        try {
            return (int) get.invokeExact(topic, queueId, offset, max);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void close() {
        try {
            close.invokeExact();
            loader.close();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(final Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }
}

package org.mqbook.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw limit of {@link SyncFlushBenchmark}'s 16 threads: when each of 16 producers has one
 * message in flight, a group commit can never cover more than 16 messages, so no store passes
 * 16 messages per force. Here one thread writes 16 records of a 1 KiB message's size into a
 * mapping and forces them ({@code force=range}: the written range, as mqbook does;
 * {@code whole}: the whole mapping, as 4.7.1 does), in messages per second: the rate a store
 * with free locking, encoding and wake-ups would reach on this disk. {@code file=sparse} is a
 * fresh file, as 4.7.1 and an ASYNC_FLUSH mqbook store write; {@code written} is one written full
 * of zeros and forced first, as a SYNC_FLUSH mqbook store gets ({@code MappedFile#preallocate}).
 *
 * <p>The file is 128 MiB and wraps around when full. Read next: {@link SyncFlushBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RawForceBenchmark {
    private static final int FILE_BYTES = 128 * 1024 * 1024;
    private static final int GROUP = 16;
    private static final int RECORD_BYTES = 1187;

    @Param({"range", "whole"})
    public String force;

    @Param({"sparse", "written"})
    public String file;

    private Path path;
    private FileChannel channel;
    private MappedByteBuffer mapped;
    private final byte[] record = BenchStores.body(RECORD_BYTES);

    @Setup(Level.Trial)
    public void open() throws IOException {
        path = Files.createTempFile("mqbook-raw-force", ".bin");
        channel = new RandomAccessFile(path.toFile(), "rw").getChannel();
        if ("written".equals(file)) {
            BenchStores.writeZeros(channel, FILE_BYTES);
            channel.force(false);
        }
        mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
    }

    @Benchmark
    @OperationsPerInvocation(GROUP)
    public int forceGroup() {
        if (mapped.remaining() < GROUP * RECORD_BYTES) {
            mapped.clear();
        }
        final int from = mapped.position();
        for (int i = 0; i < GROUP; i++) {
            mapped.put(record);
        }
        if ("whole".equals(force)) {
            mapped.force();
        } else {
            mapped.force(from, mapped.position() - from);
        }
        return mapped.position();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}

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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw limit every store benchmark is read against: sequential writes of {@code recordBytes}
 * into one MappedByteBuffer, with no encoding, no lock and no dispatch. A store that writes its
 * records at a small fraction of this rate is CPU-bound, not disk-bound.
 *
 * <p>The file is 128 MiB (the size the store benchmarks use for commit-log files) and wraps
 * around when full, so the page cache stays warm and the figure is the memory-copy rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RawMmapWriteBenchmark {

    private static final int FILE_BYTES = 128 * 1024 * 1024;

    /** Bytes per record: what the store benchmarks store for a 128 B and a 1 KiB body. */
    @Param({"291", "1187"})
    public int recordBytes;

    private Path file;
    private FileChannel channel;
    private MappedByteBuffer mapped;
    private byte[] record;

    @Setup(Level.Trial)
    public void open() throws IOException {
        file = Files.createTempFile("mqbook-raw-mmap", ".bin");
        channel = new RandomAccessFile(file.toFile(), "rw").getChannel();
        mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
        record = new byte[recordBytes];
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) i;
        }
    }

    @Benchmark
    public int writeRecord() {
        if (mapped.remaining() < record.length) {
            mapped.clear();
        }
        mapped.put(record);
        return mapped.position();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}

package org.mqbook.example;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Runs the main job's mainline ({@link Mainline#chapter1Remoting} then
 * {@link MainlineMessaging#run}) while a sampler records the name of every thread that lives
 * during the run, every 20 ms: the thread dump of the whole book, taken from a real run. The
 * closing chapter's diagram is checked against it ({@code org.mqbook.book.BigPictureThreadsTest})
 * and its output becomes the chapter's trace.
 *
 * <p>Thread-safety: one run at a time (it swaps {@code System.out} for the run's duration).
 */
public final class MainlineProbe {

    /** What one run printed, its summary and the names of the threads that lived during it. */
    public record Run(String output, Map<String, String> summary, Set<String> threads) {
    }

    private static final String SAMPLER = "MainlineProbeSampler";

    private MainlineProbe() {
    }

    public static synchronized Run run(int messages) throws Exception {
        Set<String> seen = new ConcurrentSkipListSet<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    seen.add(t.getName());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, SAMPLER);
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
        sampler.start();
        Map<String, String> summary;
        try {
            int frames = Mainline.chapter1Remoting();
            summary = MainlineMessaging.run(messages, 1, false);
            summary.put("chapter 1", "remoting: " + frames + " frames seen by the server's RPC hook");
        } finally {
            sampler.interrupt();
            sampler.join(5_000);
            System.setOut(original);
        }
        seen.remove(SAMPLER);
        return new Run(copy.toString(StandardCharsets.UTF_8), summary, Set.copyOf(seen));
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}

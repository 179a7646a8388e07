package org.mqbook.store;

import java.nio.file.Path;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * The program {@link CrashRecoveryTest} kills: opens a SYNC_FLUSH store at {@code args[0]} and
 * puts {@code args[1]} messages ("crash-i", 600 bytes, queue i % 4), printing one line per
 * acknowledged message:
 * <pre>
 * READY
 * ACK i queueId queueOffset commitLogOffset size
 * </pre>
 * It never shuts the store down: it runs until it is killed or has put everything, then halts.
 */
public final class CrashWriterMain {

    private CrashWriterMain() {
    }

    public static void main(final String[] args) throws Exception {
        final MessageStoreConfig config = StoreTestSupport.config(Path.of(args[0]));
        config.setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        final int count = Integer.parseInt(args[1]);
        final DefaultMessageStore store = StoreTestSupport.start(config);
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; i < count; i++) {
            final String body = "crash-" + i + "-" + "c".repeat(600);
            final PutMessageResult r =
                store.putMessage(StoreTestSupport.message("TopicCrash", i % 4, body));
            if (r.getPutMessageStatus() == PutMessageStatus.PUT_OK) {
                final AppendMessageResult a = r.getAppendMessageResult();
                System.out.println("ACK " + i + " " + (i % 4) + " " + a.getLogicsOffset() + " "
                    + a.getWroteOffset() + " " + a.getWroteBytes());
                System.out.flush();
            }
        }
        store.halt();
    }
}

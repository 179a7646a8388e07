package org.mqbook.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * In-process NameServer and broker for the broker's tests: 127.0.0.1, port 0, small commit-log
 * files, stores under {@code target/broker-tests/}. Callers shut down what they start.
 */
public final class BrokerTestSupport {
    /** 4 MiB commit-log files keep a test store small. */
    public static final int TEST_COMMIT_LOG_FILE_SIZE = 4 * 1024 * 1024;

    private BrokerTestSupport() {
    }

    /** A fresh, empty directory {@code target/broker-tests/<name>}. */
    public static Path freshDir(String name) throws IOException {
        Path root = Paths.get(System.getProperty("mqbook.home", "")).toAbsolutePath()
            .resolve("target").resolve("broker-tests").resolve(name);
        deleteTree(root);
        return Files.createDirectories(root);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static NamesrvController startNamesrv(Path dir) {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        server.setServerWorkerThreads(2);
        server.setServerSelectorThreads(1);
        NamesrvController controller = new NamesrvController(config, server);
        if (!controller.initialize()) {
            throw new IllegalStateException("NameServer did not initialize");
        }
        controller.start();
        return controller;
    }

    /** The four beans of a test broker named {@code name}, registering with {@code namesrv}. */
    public static BrokerController newBroker(Path store, String name, String namesrv) {
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerName(name);
        brokerConfig.setBrokerIP1("127.0.0.1");
        brokerConfig.setNamesrvAddr(namesrv);
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        server.setServerWorkerThreads(4);
        server.setServerSelectorThreads(1);
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(store.toString());
        storeConfig.setMappedFileSizeCommitLog(TEST_COMMIT_LOG_FILE_SIZE);
        storeConfig.setMappedFileSizeConsumeQueue(300 * 20);
        storeConfig.setMaxIndexNum(10000);
        storeConfig.setMaxHashSlotNum(2000);
        return new BrokerController(brokerConfig, server, new NettyClientConfig(), storeConfig);
    }

    /** Initializes and starts {@code controller}. */
    public static BrokerController start(BrokerController controller) throws Exception {
        if (!controller.initialize()) {
            throw new IllegalStateException("broker did not initialize");
        }
        controller.start();
        return controller;
    }
}

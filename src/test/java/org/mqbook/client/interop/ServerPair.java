package org.mqbook.client.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.mqbook.broker.interop.BinServers;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * The NameServer and master broker a consumer test class talks to: either the real Apache
 * RocketMQ 4.7.1 pair ({@link Rmq471}) or mqbook's own pair started by {@code bin/mqnamesrv}
 * and {@code bin/mqbroker} ({@link BinServers}). The scenario classes ask for a {@link Kind}
 * and never see which servers answer, so one scenario proves the same thing against both.
 *
 * <p>Both servers are child processes: {@link #close()} kills each by its own process handle
 * (SIGKILL; the next start of a pair begins with a fresh store), {@link #restartBroker()} stops the broker cleanly (SIGTERM: its
 * shutdown hook persists consumer offsets and delay progress) and starts it again on the same
 * store and port. Not thread-safe: one test thread drives a pair. Read next: the scenario classes
 * {@link ConsumerPushScenarios}, {@link ConsumerRebalanceScenarios}, {@link ConsumerPullScenarios},
 * {@link ConsumerExamplesScenarios}.
 */
abstract class ServerPair implements AutoCloseable {

    /** Which servers a test class runs against. */
    enum Kind {
        RMQ471, MQBOOK
    }

    /** Starts a NameServer and broker {@code name}; {@code brokerConf} overrides broker keys. */
    static ServerPair start(Kind kind, String name, Map<String, String> brokerConf) {
        return kind == Kind.RMQ471 ? new Apache(brokerConf) : new Mqbook(name, brokerConf);
    }

    /** {@code 127.0.0.1:port} of the NameServer. */
    abstract String namesrvAddr();

    /** Clean stop of the broker, then a start on the same store and listen port. */
    abstract void restartBroker();

    /** Kills the broker, then the NameServer; safe to call twice. */
    @Override
    public abstract void close();

    /** The real 4.7.1 NameServer and broker. */
    private static final class Apache extends ServerPair {
        private final ChildProcess namesrv;
        private ChildProcess broker;

        Apache(Map<String, String> brokerConf) {
            namesrv = Rmq471.startNamesrv();
            try {
                broker = Rmq471.startBroker(namesrv.addr(), "broker-a", brokerConf);
            } catch (RuntimeException e) {
                namesrv.kill9();
                throw e;
            }
        }

        @Override
        String namesrvAddr() {
            return namesrv.addr();
        }

        @Override
        void restartBroker() {
            Map<String, String> conf = new HashMap<>(broker.conf());
            broker.close();
            broker = Rmq471.startBroker(namesrv.addr(), conf.get("brokerName"), conf);
        }

        @Override
        public void close() {
            broker.kill9();
            namesrv.kill9();
        }
    }

    /** mqbook's NameServer and broker, started by the bin scripts. */
    private static final class Mqbook extends ServerPair {
        private final String name;
        private final BinServers.Server namesrv;
        private BinServers.Server broker;

        Mqbook(String name, Map<String, String> brokerConf) {
            this.name = name;
            try {
                namesrv = BinServers.startNamesrv(name + "-namesrv");
                try {
                    broker = BinServers.startBroker(name + "-broker", namesrv.addr(), brokerConf);
                } catch (IOException | RuntimeException e) {
                    namesrv.kill9();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        String namesrvAddr() {
            return namesrv.addr();
        }

        @Override
        void restartBroker() {
            Map<String, String> conf = broker.conf();
            broker.close();
            try {
                broker = BinServers.startBroker(name + "-broker", namesrv.addr(), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            broker.kill9();
            namesrv.kill9();
        }
    }
}

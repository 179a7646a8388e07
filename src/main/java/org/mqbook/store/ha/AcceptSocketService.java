package org.mqbook.store.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.mqbook.common.ServiceThread;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread "AcceptSocketService": listens on {@code haListenPort} and gives every slave that
 * connects its own {@link HAConnection}. It binds {@code haBindAddress} when set (tests use
 * 127.0.0.1), else every interface as 4.7.1 does. Thread-safety: one thread; shutdown closes the
 * listening socket, which ends the blocked accept. Read next: {@link HAConnection}.
 */
class AcceptSocketService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(AcceptSocketService.class);

    private final HAService haService;
    private volatile ServerSocket serverSocket;

    AcceptSocketService(final HAService haService) {
        this.haService = haService;
    }

    /** Binds the port; a taken port fails the store's start, as in 4.7.1. */
    void beginAccept() throws IOException {
        final MessageStoreConfig config =
            haService.getDefaultMessageStore().getMessageStoreConfig();
        final ServerSocket server = new ServerSocket();
        // TODO K2: a restarted master must get its HA port back at once, though the old
        // connections to its slaves may still sit in TIME_WAIT
        server.setReuseAddress(true);
        final InetSocketAddress address = config.getHaBindAddress() == null
            ? new InetSocketAddress(config.getHaListenPort())
            : new InetSocketAddress(config.getHaBindAddress(), config.getHaListenPort());
        try {
            server.bind(address);
        } catch (IOException e) {
            server.close();
            throw new IOException("HA port " + address + " cannot be bound: " + e.getMessage(), e);
        }
        this.serverSocket = server;
        log.info("HAService listens on {}", server.getLocalSocketAddress());
    }

    int localListenPort() {
        final ServerSocket server = this.serverSocket;
        return server == null ? -1 : server.getLocalPort();
    }

    @Override
    public void shutdown() {
        this.makeStop();
        final ServerSocket server = this.serverSocket;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.warn("closing the HA port failed", e);
            }
        }
        super.shutdown();
    }

    @Override
    public void run() {
        log.info("{} service started", this.getServiceName());
        while (!this.isStopped()) {
            try {
                final Socket socket = serverSocket.accept();
                log.info("HAService receive new connection, {}", socket.getRemoteSocketAddress());
                try {
                    final HAConnection conn = new HAConnection(haService, socket);
                    haService.addConnection(conn);
                    conn.start();
                } catch (IOException e) {
                    log.error("new HAConnection exception", e);
                    socket.close();
                }
            } catch (SocketException e) {
                if (!this.isStopped()) {
                    log.error("{} accept failed", this.getServiceName(), e);
                }
            } catch (IOException e) {
                log.error("{} service has exception.", this.getServiceName(), e);
            }
        }
        log.info("{} service end", this.getServiceName());
    }

    @Override
    public String getServiceName() {
        return AcceptSocketService.class.getSimpleName();
    }
}

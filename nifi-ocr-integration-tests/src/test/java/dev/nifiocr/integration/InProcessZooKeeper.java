package dev.nifiocr.integration;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A standalone ZooKeeper 3.9.3 server on a loopback port, in the test's JVM: what the cluster rig's nodes coordinate through. */
final class InProcessZooKeeper implements AutoCloseable {

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    InProcessZooKeeper(final Path dataDirectory, final int port) throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        server = new ZooKeeperServer(dataDirectory.toFile(), dataDirectory.toFile(), 2000);
        connections = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 60);
        connections.startup(server);
    }

    int port() {
        return connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}

package dev.nifiocr.client;

import javax.net.SocketFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The JVM's default socket factory with Nagle's algorithm off. A request leaves in several writes (headers and body,
 * TLS records); with Nagle on, the last small write waits for the peer's delayed ACK of the first, 40 ms on Linux, on
 * every call. OkHttp opens direct and HTTP-proxy connections through this factory and layers TLS over the socket it
 * returns, so HTTPS, the SSL Context Service and the Proxy Configuration Service keep working unchanged.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private final SocketFactory delegate = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(final String host, final int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(final String host, final int port, final InetAddress localAddress, final int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(final InetAddress address, final int port) throws IOException {
        return noDelay(delegate.createSocket(address, port));
    }

    @Override
    public Socket createSocket(final InetAddress address, final int port, final InetAddress localAddress, final int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    static Socket noDelay(final Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}

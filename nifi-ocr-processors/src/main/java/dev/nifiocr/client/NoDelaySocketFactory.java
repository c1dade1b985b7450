package dev.nifiocr.client;

import javax.net.SocketFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The JVM's default socket factory with Nagle's algorithm off. A request leaves in several writes (headers and body,
 * TLS records); with Nagle on, the last small write waits for the peer's delayed ACK of the first, 40 ms on Linux, on
 * every call. OkHttp opens direct and HTTP-proxy connections through this factory and layers TLS over the socket it
 * returns, so HTTPS, the SSL Context Service and the Proxy Configuration Service keep working unchanged.
 * <p>
 * The unconnected sockets OkHttp asks for also gather writes: Okio hands a socket one 8 KiB segment at a time, so a
 * 1.3 MB body took 170 system calls, each running the TCP stack once; gathered up to the JDK's own socket write size
 * (128 KiB) it takes 11, which saved about 0.7 ms of CPU per MB here. Nothing waits in the buffer: OkHttp flushes at
 * the end of every request, and TLS after every record.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private final SocketFactory delegate = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new GatheringSocket());
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

    /** A plain socket whose output stream gathers writes until it is flushed or 128 KiB are waiting. */
    private static final class GatheringSocket extends Socket {
        private static final int GATHER_BYTES = 128 * 1024;
        private OutputStream output;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            final OutputStream socketOutput = super.getOutputStream(); // throws when closed, unconnected or shut down
            if (output == null) {
                output = new BufferedOutputStream(socketOutput, GATHER_BYTES);
            }
            return output;
        }
    }
}

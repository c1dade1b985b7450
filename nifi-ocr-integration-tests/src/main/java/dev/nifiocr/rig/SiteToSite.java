package dev.nifiocr.rig;

import org.apache.nifi.remote.Transaction;
import org.apache.nifi.remote.TransferDirection;
import org.apache.nifi.remote.client.SiteToSiteClient;
import org.apache.nifi.remote.protocol.DataPacket;
import org.apache.nifi.remote.protocol.SiteToSiteTransportProtocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sends FlowFiles to a root input port and receives them from a root output port, by port id, over site-to-site HTTP. */
public final class SiteToSite {

    private SiteToSite() {
    }

    /** A FlowFile received: its attributes and content. */
    public record Received(Map<String, String> attributes, byte[] content) {
    }

    public static void send(final String nifiUrl, final String portId, final List<byte[]> contents, final List<Map<String, String>> attributes)
            throws IOException {
        try (SiteToSiteClient client = client(nifiUrl, portId)) {
            final Transaction transaction = client.createTransaction(TransferDirection.SEND);
            for (int i = 0; i < contents.size(); i++) {
                transaction.send(contents.get(i), attributes.get(i));
            }
            transaction.confirm();
            transaction.complete();
        }
    }

    /** Receives whatever the port has now, possibly nothing. */
    public static List<Received> receive(final String nifiUrl, final String portId) throws IOException {
        final List<Received> received = new ArrayList<>();
        try (SiteToSiteClient client = client(nifiUrl, portId)) {
            final Transaction transaction = client.createTransaction(TransferDirection.RECEIVE);
            if (transaction == null) {
                return received;
            }
            DataPacket packet;
            while ((packet = transaction.receive()) != null) {
                received.add(new Received(packet.getAttributes(), packet.getData().readAllBytes()));
            }
            transaction.confirm();
            transaction.complete();
        }
        return received;
    }

    private static SiteToSiteClient client(final String nifiUrl, final String portId) {
        return new SiteToSiteClient.Builder()
                .url(nifiUrl)
                .portIdentifier(portId)
                .transportProtocol(SiteToSiteTransportProtocol.HTTP)
                .timeout(30, TimeUnit.SECONDS)
                .requestBatchCount(1000)
                .build();
    }
}

package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attribute values cannot add request keys, and Image URLs are http(s) on public hosts unless allowed. */
class RequestInjectionTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    private MockWebServer server;
    private TestRunner runner;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestServices.invokeRunner(server);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void attributeValuesStayInsideTheirJsonString() throws Exception {
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"LanguageType\": \"${language}\"}");
        final String injected = "zh\", \"IsPdf\": true, \"ImageUrl\": \"https://attacker.example/x.jpg";
        runner.enqueue(new byte[]{1, 2, 3}, Map.of("language", injected));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = OBJECT_MAPPER.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
        assertEquals(injected, body.get("LanguageType").textValue());
        assertFalse(body.has("IsPdf"));
        assertFalse(body.has("ImageUrl"));
    }

    @Test
    void attributeValuesOutsideAStringCannotAddKeys() {
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"PdfPageNumber\": ${page}}");
        runner.enqueue(new byte[]{1, 2, 3}, Map.of("page", "1, \"IsPdf\": true"));

        runner.run();

        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 1);
        assertEquals(0, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.jpg", "gopher://example.com/", "http://127.0.0.1/a.jpg",
            "http://localhost:8080/a.jpg", "http://169.254.169.254/latest/meta-data/", "https://10.1.2.3/a.jpg", "http://192.168.0.1/a.jpg",
            "http://[::1]/a.jpg", "http://[fd00::1]/a.jpg", "http://2130706433/a.jpg", "http://0x7f.1/a.jpg", "http://100.64.0.1/a.jpg",
            "/relative/a.jpg", "https:///a.jpg"})
    void refusesImageUrlsThatAreNotPublicHttp(final String url) {
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        runner.setProperty(InvokeTencentOCR.IMAGE_URL, "${url}");
        runner.enqueue("ignored", Map.of("url", url));

        runner.run();

        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 1);
        final MockFlowFile refused = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        refused.assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.INVALID_REQUEST);
        assertFalse(refused.getAttribute(OcrAttributes.ERROR_MESSAGE).contains(url), "the URL is not quoted");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void allowsNonPublicHostsOnlyWhenOptedIn() throws Exception {
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        runner.setProperty(InvokeTencentOCR.IMAGE_URL, "http://127.0.0.1:9000/a.jpg");
        runner.setProperty(InvokeTencentOCR.ALLOW_NON_PUBLIC_IMAGE_URLS, "true");
        runner.enqueue("ignored");

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        assertTrue(OBJECT_MAPPER.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray())
                .get("ImageUrl").textValue().startsWith("http://127.0.0.1:9000/"));
    }
}

package dev.nifiocr.test;

import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.service.StandardTencentCloudClientService;
import mockwebserver3.MockWebServer;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.ArrayList;
import java.util.List;

/** Adds a real, enabled StandardTencentCloudClientService pointed at a MockWebServer to a TestRunner. */
public final class TestServices {

    public static final String SERVICE_ID = "tencent-cloud";
    public static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    public static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    public static final String SESSION_TOKEN = "sts-session-token-EXAMPLE-0123456789";

    private TestServices() {
    }

    public static StandardTencentCloudClientService addClientService(final TestRunner runner, final MockWebServer server,
                                                                     final String... extraProperties) throws InitializationException {
        final StandardTencentCloudClientService service = new StandardTencentCloudClientService();
        runner.addControllerService(SERVICE_ID, service);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, SECRET_KEY);
        runner.setProperty(service, StandardTencentCloudClientService.SESSION_TOKEN, SESSION_TOKEN);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "http://" + server.getHostName() + ":" + server.getPort());
        runner.setProperty(service, StandardTencentCloudClientService.READ_TIMEOUT, "2 secs");
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "1000");
        for (int i = 0; i < extraProperties.length; i += 2) {
            runner.setProperty(service, extraProperties[i], extraProperties[i + 1]);
        }
        runner.enableControllerService(service);
        return service;
    }

    /** An InvokeTencentOCR runner whose client service, enabled, points at the server. */
    public static TestRunner invokeRunner(final MockWebServer server) throws InitializationException {
        return runner(InvokeTencentOCR.class, server);
    }

    /** A runner of a processor that calls Tencent, whose client service, enabled with these extra properties, points at the server. */
    public static TestRunner runner(final Class<? extends Processor> processor, final MockWebServer server, final String... serviceProperties)
            throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        addClientService(runner, server, serviceProperties);
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, SERVICE_ID);
        oneCallAtATime(runner);
        return runner;
    }

    /**
     * Makes a processor that calls Tencent keep one call in flight, so that its FlowFiles meet a MockWebServer's queued answers
     * in the order they were taken, as tests about what each answer does assume. The window of calls in flight, at its
     * defaults, has tests of its own (CallsInFlightTest).
     */
    public static void oneCallAtATime(final TestRunner runner) {
        runner.setProperty(InvokeTencentOCR.MAXIMUM_CALLS_IN_FLIGHT, "1");
    }

    /** A service with the test key pointed at the server, added to the runner but neither validated nor enabled. */
    public static StandardTencentCloudClientService configuredService(final TestRunner runner, final MockWebServer server) throws InitializationException {
        final StandardTencentCloudClientService service = new StandardTencentCloudClientService();
        runner.addControllerService(SERVICE_ID, service);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, SECRET_KEY);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, server.url("/").toString());
        return service;
    }

    /** Everything a component logged, messages, arguments and exceptions, as one text to search for secrets. */
    public static String allLogText(final MockComponentLog log) {
        final List<LogMessage> messages = new ArrayList<>();
        messages.addAll(log.getTraceMessages());
        messages.addAll(log.getDebugMessages());
        messages.addAll(log.getInfoMessages());
        messages.addAll(log.getWarnMessages());
        messages.addAll(log.getErrorMessages());
        final StringBuilder text = new StringBuilder();
        for (final LogMessage message : messages) {
            text.append(message.getMsg()).append('\n');
            if (message.getArgs() != null) {
                for (final Object arg : message.getArgs()) {
                    text.append(arg).append('\n');
                }
            }
            for (Throwable t = message.getThrowable(); t != null; t = t.getCause()) {
                text.append(t).append('\n');
            }
        }
        return text.toString();
    }
}

package dev.switchboard.sandbox;

import dev.switchboard.sandbox.server.ExchangeObserver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks every response any sandbox of this module's tests answers against Okta's OpenAPI description
 * ({@link OktaContract}): the sandbox's default observer records each answer, and after each test every recorded
 * answer is validated; a violation fails the test that caused it. Registered for every test class through
 * JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public final class ContractExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ConcurrentLinkedQueue<ExchangeObserver.Exchange> SEEN = new ConcurrentLinkedQueue<>();
    private static volatile int checked;

    static {
        OktaSandbox.defaultObserver = SEEN::add;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        OktaSandbox.defaultObserver = SEEN::add;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> problems = new ArrayList<>();
        ExchangeObserver.Exchange exchange;
        while ((exchange = SEEN.poll()) != null) {
            problems.addAll(OktaContract.get().check(exchange));
            checked++;
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("responses that break Okta's OpenAPI description:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 20))));
        }
    }

    /**
     * How many responses were checked so far in this run.
     *
     * @return the count
     */
    static int checked() {
        return checked;
    }
}

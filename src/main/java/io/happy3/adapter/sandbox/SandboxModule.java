package io.happy3.adapter.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.happy3.app.Engine;
import io.happy3.app.RunWeeklyRituals;
import io.happy3.domain.playbook.PlaybookSource;
import io.happy3.domain.review.RitualLedger;
import io.happy3.domain.review.TrendChartRenderer;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Builds the sandbox from the parts the composition root owns: its own engine over the shared stores (seen
 * through the sandbox tenant only), on its own {@link SandboxClock}, talking through a {@link SandboxGateway};
 * its weekly rituals; and the servlet that serves the page at {@code /}.
 */
public final class SandboxModule implements AutoCloseable {
    /**
     * What the sandbox needs. {@code stores.nudges()} must claim the sandbox tenant's nudges only (the real
     * scheduler must not see them either); {@code ledger} builds the ritual ledger on the sandbox clock;
     * {@code eraseTenant} deletes the sandbox tenant's rows from the bot's tables.
     */
    public record Parts(String bind, Engine.Stores stores, PlaybookSource playbooks,
                        Function<Clock, RitualLedger> ledger, TrendChartRenderer chart, RunWeeklyRituals.Times times,
                        ZoneId teamZone, DataSource dataSource, Runnable eraseTenant, PlaybookChecker checker,
                        Clock realClock) {
        public Parts {
            requireNonNull(bind, "bind == null");
            requireNonNull(stores, "stores == null");
            requireNonNull(playbooks, "playbooks == null");
            requireNonNull(ledger, "ledger == null");
            requireNonNull(chart, "chart == null");
            requireNonNull(times, "times == null");
            requireNonNull(teamZone, "teamZone == null");
            requireNonNull(dataSource, "dataSource == null");
            requireNonNull(eraseTenant, "eraseTenant == null");
            requireNonNull(checker, "checker == null");
            requireNonNull(realClock, "realClock == null");
        }
    }

    private final Sandbox sandbox;
    private final SandboxEvents events;
    private final SandboxServlet servlet;
    private final BindGuard guard;

    private SandboxModule(Sandbox sandbox, SandboxEvents events, SandboxServlet servlet, BindGuard guard) {
        this.sandbox = sandbox;
        this.events = events;
        this.servlet = servlet;
        this.guard = guard;
    }

    public static SandboxModule create(Parts parts) {
        ObjectMapper json = new ObjectMapper();
        AtomicLong version = new AtomicLong();
        SandboxClock clock = new SandboxClock(parts.realClock().instant());
        SandboxLog log = new SandboxLog(parts.dataSource(), SandboxPeople.TENANT, json);
        SandboxGateway gateway = new SandboxGateway(log, json, clock, version::incrementAndGet);
        Engine.Stores own = new Engine.Stores(SandboxPartition.onlySandbox(parts.stores().issues()),
                parts.stores().nudges(), parts.stores().proudMoments(),
                SandboxPartition.onlySandbox(parts.stores().channelSettings()), parts.stores().preferences(),
                parts.stores().customerNotes(), parts.stores().desiredResults(), parts.stores().checkIns());
        Engine engine = new Engine(own, parts.playbooks(), new SandboxPeople(), gateway, clock, parts.teamZone(),
                "sandbox");
        RunWeeklyRituals rituals = engine.rituals(parts.ledger().apply(clock), parts.chart(), parts.times());
        Sandbox sandbox = new Sandbox(engine, own, rituals, parts.times(), clock, log, parts.eraseTenant(), parts.realClock(),
                parts.teamZone(), json, version);
        sandbox.open();
        SandboxEvents events = new SandboxEvents(sandbox::version);
        BindGuard guard = new BindGuard(parts.bind());
        SandboxServlet servlet = new SandboxServlet(sandbox, new SandboxPlaybooks(sandbox, parts.checker(), json),
                events, guard, json);
        return new SandboxModule(sandbox, events, servlet, guard);
    }

    /** The servlet to mount at {@code /} (it answers the page, its assets and {@code /sandbox/api/…}). */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Where a person opens the sandbox, for the start line. */
    public String url(String bind, int port) {
        return "http://" + (guard.loopbackOnly() || bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind)
                + ":" + port + "/";
    }

    /** True when only this machine can reach it. */
    public boolean loopbackOnly() {
        return guard.loopbackOnly();
    }

    /** Ends the open event streams (call before stopping the HTTP server). */
    @Override
    public void close() {
        events.close();
    }

    Sandbox sandbox() {
        return sandbox;
    }
}

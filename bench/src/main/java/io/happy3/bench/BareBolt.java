package io.happy3.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.MessageEvent;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline: a bare Bolt for Java app on Jetty 12 that verifies each request's signature and acks
 * message events, nothing else. {@code /readyz} answers 200 once Jetty has started, so its start time
 * is measured the same way as Happy3's.
 *
 * <p>Environment: {@code PORT}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN} and
 * {@code SLACK_API_URL} (the bench's fake Slack Web API, which answers Bolt's one {@code auth.test}).
 */
public final class BareBolt {
    private BareBolt() {
    }

    public static void main(String[] args) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(System.getenv("SLACK_API_URL"));
        App app = new App(AppConfig.builder()
                .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
                .singleTeamBotToken(System.getenv("SLACK_BOT_TOKEN"))
                .slack(Slack.getInstance(slackConfig))
                .build());
        app.event(MessageEvent.class, (payload, context) -> context.ack());

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(System.getenv("PORT")));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        context.addServlet(new ServletHolder(new Ready()), "/readyz");
        server.setHandler(context);
        server.start();
        server.join();
    }

    /** 200 "ok": the app is up. */
    private static final class Ready extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("ok\n");
        }
    }
}

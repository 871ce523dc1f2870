package io.happy3.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcCustomerData;
import io.happy3.config.AppConfig;
import io.happy3.config.ConfigFile;
import io.happy3.domain.chat.Platform;
import io.happy3.domain.chat.UserRef;
import io.happy3.domain.customer.CustomerNote;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code happy3 customer export|forget ID}: a customer's data on request, from the configured database. The id
 * is {@code platform:tenant:user}, e.g. {@code slack:T0123ABCD:U0456EFGH} (Teams user ids keep their colons).
 */
public final class CustomerCommand {
    static final String USAGE = """
            Usage: happy3 customer export|forget ID

              export ID   print everything stored about the customer as JSON (notes, issues, proud moments)
              forget ID   delete it: their notes, the issues they opened with their events and nudges,
                          and the proud moments about them
            ID is platform:tenant:user, e.g. slack:T0123ABCD:U0456EFGH or teams:<tenant id>:29:1abc…""";

    private CustomerCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Optional<UserRef> customer = args.size() >= 2 ? parse(args.get(1)) : Optional.empty();
        if (customer.isEmpty() || !List.of("export", "forget").contains(args.get(0))) {
            err.println("happy3 customer: " + (args.size() >= 2 ? "'" + String.join(" ", args) + "' is not a "
                    + "command I know" : "a command and an id are needed") + "\n" + USAGE);
            return 2;
        }
        AppConfig config = AppConfig.fromEnv(ConfigFile.merged(env, ConfigFile.location(args, env)));
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword().value())) {
            JdbcCustomerData data = new JdbcCustomerData(database);
            if (args.get(0).equals("forget")) {
                int rows = data.forget(customer.get());
                out.println("Forgot " + customer.get().key() + ": " + rows + " rows deleted.");
            } else {
                out.println(json(data.export(customer.get())));
            }
        }
        return 0;
    }

    /** {@code platform:tenant:user}; the user part may itself contain colons. */
    static Optional<UserRef> parse(String id) {
        String[] parts = id.split(":", 3);
        if (parts.length < 3 || parts[1].isBlank() || parts[2].isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserRef(Platform.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String json(JdbcCustomerData.Export export) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode().put("customer", export.customer().key());
        ArrayNode notes = root.putArray("notes");
        for (CustomerNote note : export.notes()) {
            notes.addObject().put("id", note.id()).put("workspace", note.tenant()).put("text", note.text())
                    .put("author", note.author().key()).put("created_at", note.createdAt().toString())
                    .put("updated_at", note.updatedAt().toString());
        }
        ArrayNode issues = root.putArray("issues");
        export.issues().forEach(issue -> issues.addObject().put("id", issue.id()).put("channel", issue.channel())
                .put("state", issue.state()).put("opened_at", issue.openedAt().toString())
                .put("last_activity_at", issue.lastActivityAt().toString()));
        ArrayNode proud = root.putArray("proud_moments");
        export.proud().forEach(moment -> proud.addObject().put("id", moment.id()).put("summary", moment.summary())
                .put("at", moment.at().toString()));
        return root.toPrettyString();
    }
}

package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} and {@code -m/--comment}, shared by the commands that send a change. A command
 * whose help says more about one of them puts its wording in its resource bundle under the option's
 * name ({@code dry-run}, {@code comment}); picocli reads the mixee's bundle for mixed-in options.
 */
public final class ChangeOptions {

    @Option(names = "--dry-run", description = "Print the changes (old -> new) the service would make; store nothing.")
    boolean dryRun;

    @Option(names = {"-m", "--comment"}, description = "Why.")
    String comment;

    public boolean dryRun() {
        return dryRun;
    }

    /** Puts the comment into {@code body} when one was given; a body's own comment stays otherwise. */
    public ObjectNode comment(ObjectNode body) {
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }
}

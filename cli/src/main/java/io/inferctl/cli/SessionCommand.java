package io.inferctl.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command that reaches the session: the options given anywhere on the line and what they give. */
public abstract class SessionCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected Session session() {
        return ((Inferctl) spec.root().userObject()).session;
    }
}

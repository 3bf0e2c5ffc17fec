package io.inferctl.simulator.controller;

/**
 * One control loop of the simulated cluster. Reconcilers are level-triggered: each pass reads the
 * whole state it cares about and writes only what differs, so a pass that finds nothing to do writes
 * nothing and the loop goes idle.
 */
@FunctionalInterface
public interface Reconciler {

    void reconcile(ControlLoop loop);
}

package io.inferctl.bench;

/**
 * What every scenario works with: the servers, the API client, how much to do, and the table.
 */
record Scenario(Stack stack, Api api, Scale scale, Report report) {
}

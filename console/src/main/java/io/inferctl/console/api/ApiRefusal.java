package io.inferctl.console.api;

/** An API answered with a problem; the page shows it next to what caused it. */
public class ApiRefusal extends RuntimeException {

    private final ApiProblem problem;

    public ApiRefusal(ApiProblem problem) {
        super(problem.status() + " " + problem.code() + ": " + problem.message());
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }
}

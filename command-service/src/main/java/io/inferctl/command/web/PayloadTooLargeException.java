package io.inferctl.command.web;

import java.io.IOException;

/** The body grew past the limit while it was being read (chunked bodies carry no length up front). */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}

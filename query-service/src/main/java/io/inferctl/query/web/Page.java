package io.inferctl.query.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
}

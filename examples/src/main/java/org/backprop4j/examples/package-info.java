/**
 * Runnable example programs. Each has a {@code main} and prints what it teaches; see the README
 * for the command that runs each one.
 */
package org.backprop4j.examples;

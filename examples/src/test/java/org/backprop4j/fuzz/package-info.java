/**
 * Coverage-guided fuzz tests (Jazzer) of everything that reads untrusted bytes: the model loader,
 * the .npy reader, the IDX reader. {@link org.backprop4j.fuzz.FuzzHarness} states the property they
 * check and how to add a target; {@link org.backprop4j.fuzz.FuzzCorpus} writes their seed files.
 */
package org.backprop4j.fuzz;

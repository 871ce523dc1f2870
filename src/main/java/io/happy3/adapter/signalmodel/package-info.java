/**
 * The trained signal model behind the domain's {@code SignalModel} port: a pure-Java logistic regression over hashed
 * words, character n-grams, thread context and rule hits, its weight file, and the trainer that writes it.
 */
package io.happy3.adapter.signalmodel;

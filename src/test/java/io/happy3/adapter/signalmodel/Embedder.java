package io.happy3.adapter.signalmodel;

/** Turns a message into a unit-length vector of {@link SentenceEncoder#DIMENSIONS} numbers. Thread-safe. */
interface Embedder {
    float[] embed(String text);
}

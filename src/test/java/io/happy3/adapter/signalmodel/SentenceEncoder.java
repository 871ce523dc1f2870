package io.happy3.adapter.signalmodel;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Sentence embeddings of chat messages: the quantized all-MiniLM-L6-v2 model (384 dimensions, unit length) running
 * in-process on ONNX Runtime, offline, from the jar. Markup and emoji are first turned into plain words by
 * {@link ModelText}, so "{@code <@U123> :+1:}" reads as "mention thumbsup". Thread-safe; loading takes about a second.
 */
final class SentenceEncoder implements Embedder {
    static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private SentenceEncoder(AllMiniLmL6V2QuantizedEmbeddingModel model) {
        this.model = model;
    }

    /** Loads the model from the class path; DJL's usage reporting (a network call) is switched off first. */
    static SentenceEncoder load() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        return new SentenceEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    /** The embedding of {@code text} as the model reads it (see {@link #plain}). */
    @Override
    public float[] embed(String text) {
        return model.embed(plain(text)).content().vector();
    }

    /** The message as plain words: markup and emoji named, punctuation other than "?" and "!" dropped. */
    static String plain(String text) {
        List<String> tokens = ModelText.tokens(text);
        if (tokens.isEmpty()) {
            return "empty";
        }
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            out.append(out.isEmpty() ? "" : " ")
                    .append(token.startsWith("_") ? token.substring(1, token.length() - 1) : token);
        }
        return out.toString();
    }
}

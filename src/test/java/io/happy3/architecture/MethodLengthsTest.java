package io.happy3.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodLengthsTest {
    @Test
    void of_methodsWithBracesInStringsCommentsAndLambdas_countsEachMethodFromNameToClosingBrace() {
        String source = """
                class A {
                    @Override
                    public String one(int a) throws java.io.IOException {
                        String brace = "}{";  // } a comment {
                        Runnable r = () -> { };
                        if (a > 0) {
                            return brace;
                        }
                        return "\\"}";
                    }

                    A(String b) {
                        char c = '}';
                        /* } */
                    }

                    record R(int x) {
                        R {
                        }
                    }
                }
                """;

        assertThat(MethodLengths.of(source)).containsExactly(
                new MethodLengths.Method("one", 3, 8), new MethodLengths.Method("A", 12, 4));
    }

    @Test
    void of_textBlockWithBraces_isNotCode() {
        String source = "class B {\n    String text() {\n        return \"\"\"\n            }\n            \"\"\";\n    }\n}\n";

        assertThat(MethodLengths.of(source)).containsExactly(new MethodLengths.Method("text", 2, 5));
    }
}

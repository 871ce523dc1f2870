package io.happy3;

public final class Main {
    public static void main(String[] args) {
        System.out.println("happy3");
    }
}

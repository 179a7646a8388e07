package org.mqbook.example;
public class Mainline { public static void main(String[] a) { System.out.println("mqbook"); } }

package dev.switchboard.sandbox;

import dev.switchboard.sandbox.store.FullDisk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A sandbox in its own JVM for {@link DurabilityTest}, which kills it with {@code destroyForcibly} (SIGKILL on
 * Unix). It serves a data directory on a disk that can be made full, prints {@code READY <org url> <token>}, then
 * obeys lines on standard input: {@code full} fills the disk, {@code free} frees it; each is answered {@code OK}.
 */
public final class DataDirectoryChild {
    private DataDirectoryChild() {
    }

    /**
     * Runs the sandbox until killed.
     *
     * @param args the data directory
     * @throws Exception when the sandbox cannot start
     */
    public static void main(String[] args) throws Exception {
        FullDisk disk = new FullDisk();
        OktaSandbox sandbox = OktaSandbox.builder().users(5).seed(7L).dataDir(Path.of(args[0])).fileChannels(disk).build();
        sandbox.start();
        System.out.println("READY " + sandbox.orgUrl() + " " + sandbox.createApiToken("durability"));
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("full")) {
                disk.fill();
            } else if (command.equals("free")) {
                disk.free();
            }
            System.out.println("OK " + command);
            System.out.flush();
        }
        Thread.currentThread().join();
    }
}

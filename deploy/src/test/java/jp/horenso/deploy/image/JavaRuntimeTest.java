package jp.horenso.deploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jlinked runtime holds every JDK module the deployables' code names, runs headless without the X11 and sound
 * libraries, and brings the C library and dynamic loader it needs into the image.
 */
class JavaRuntimeTest {

    /** Modules some dependency names but the deployables never use at run time, each with the reason. */
    static final Map<String, String> LEFT_OUT =
            Map.of("jdk.compiler", "vertx-codegen's annotation processor (com.sun.source.tree): compile time only");

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z0-9_/$]+)[;<]");

    @Test
    void holdsEveryJdkModuleTheDeployablesCodeNames() {
        Set<String> linked = new HashSet<>(
                Arrays.asList(release(Images.runtime().home()).get("MODULES").split(" ")));
        assertTrue(linked.containsAll(JavaRuntime.MODULES), "jlink linked " + linked);
        Map<String, String> moduleOfPackage = new HashMap<>();
        for (ModuleReference m : ModuleFinder.ofSystem().findAll()) {
            m.descriptor()
                    .packages()
                    .forEach(p -> moduleOfPackage.put(
                            p.replace('.', '/'), m.descriptor().name()));
        }
        // as jdeps: every class a class file of a fast-jar names (constant pool and descriptors), by its JDK module
        Map<String, Set<String>> missing = new TreeMap<>();
        Set<String> jars = new HashSet<>();
        for (Deployable d : Deployable.all(Images.root())) {
            try (Stream<Path> files = Files.walk(d.quarkusApp())) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    if (!jars.add(jar.getFileName().toString())) {
                        continue; // the same library in another deployable
                    }
                    for (String type : typesNamedIn(jar)) {
                        int slash = type.lastIndexOf('/');
                        String module = slash < 0 ? null : moduleOfPackage.get(type.substring(0, slash));
                        if (module != null && !linked.contains(module) && !LEFT_OUT.containsKey(module)) {
                            missing.computeIfAbsent(module, m -> new TreeSet<>())
                                    .add(jar.getFileName() + ": " + type);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(Map.of(), missing, "add these modules to JavaRuntime.MODULES (or to LEFT_OUT, with the reason)");
    }

    @Test
    void runsHeadlessAndBringsTheLibrariesItLinksAgainst() {
        JavaRuntime runtime = Images.runtime();
        for (String library : JavaRuntime.WITHOUT_DISPLAY) {
            assertFalse(Files.exists(runtime.home().resolve("lib").resolve(library)), library);
        }
        assertFalse(
                Files.exists(runtime.home().resolve("lib/server/classes.jsa")),
                "no class-data archive: JDK 17 does not dump the same one twice");
        List<String> names = runtime.systemLibraries().stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertTrue(names.contains("libc.so.6"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("ld-linux")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("libX11")), "no X11: " + names);
    }

    private static Map<String, String> release(Path home) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static Set<String> typesNamedIn(Path jar) throws IOException {
        Set<String> types = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/versions/")) {
                    typesNamedIn(zip.getInputStream(e).readAllBytes(), types);
                }
            }
        }
        return types;
    }

    /** The classes a class file's constant pool names: class entries, and the types in descriptors and signatures. */
    private static void typesNamedIn(byte[] classFile, Set<String> types) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (classNames[i] != 0 && utf8[classNames[i]] != null) {
                String name = utf8[classNames[i]].replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                types.add(name);
            }
            if (utf8[i] != null && utf8[i].indexOf(';') > 0) {
                Matcher m = DESCRIPTOR_TYPE.matcher(utf8[i]);
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
    }
}

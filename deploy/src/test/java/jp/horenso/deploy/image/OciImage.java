package jp.horenso.deploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image tarball as a registry or {@code skopeo copy oci-archive:…} would read it: {@code oci-layout},
 * {@code index.json} → manifest → config and layers, every blob checked against its digest (its file name), every
 * layer's uncompressed digest against the config's {@code diff_ids}. Fails (AssertionError) on the first mismatch.
 */
final class OciImage {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file or directory of a layer. */
    record Entry(String path, int mode, long uid, long gid, boolean directory, long size) {
        boolean writableByOthersThanOwner() {
            return (mode & 0022) != 0;
        }
    }

    /** A layer: its blob's digest, its uncompressed digest, and its entries. */
    record Layer(String digest, long size, String diffId, List<Entry> entries) {}

    final JsonNode index;
    final String manifestDigest;
    final JsonNode manifest;
    final JsonNode config;
    final List<Layer> layers;

    private OciImage(JsonNode index, String manifestDigest, JsonNode manifest, JsonNode config, List<Layer> layers) {
        this.index = index;
        this.manifestDigest = manifestDigest;
        this.manifest = manifest;
        this.config = config;
        this.layers = layers;
    }

    /** Reads and checks the tarball. */
    static OciImage read(Path tarball) {
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Long> blobSizes = new HashMap<>();
        Map<String, String> diffIds = new HashMap<>();
        Map<String, List<Entry>> layerEntries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (!name.startsWith("blobs/sha256/")) {
                    files.put(name, tar.readAllBytes());
                    continue;
                }
                String digest = "sha256:" + name.substring("blobs/sha256/".length());
                MessageDigest sha = sha256();
                DigestInputStream in = new DigestInputStream(tar, sha);
                byte[] head = in.readNBytes(2);
                if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                    // a layer: list it while the blob streams by, and digest what it uncompresses to
                    InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
                    MessageDigest diff = sha256();
                    DigestInputStream plain = new DigestInputStream(new GZIPInputStream(whole, 65536), diff);
                    layerEntries.put(digest, entries(plain));
                    plain.transferTo(java.io.OutputStream.nullOutputStream());
                    diffIds.put(digest, "sha256:" + HexFormat.of().formatHex(diff.digest()));
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } else {
                    byte[] rest = in.readAllBytes();
                    byte[] all = new byte[head.length + rest.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(rest, 0, all, head.length, rest.length);
                    files.put(name, all);
                }
                String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
                check(actual.equals(digest), "blob " + name + " has digest " + actual);
                blobSizes.put(digest, e.getSize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            check(files.containsKey("oci-layout"), "no oci-layout");
            check(
                    JSON.readTree(files.get("oci-layout"))
                            .path("imageLayoutVersion")
                            .asText()
                            .equals("1.0.0"),
                    "oci-layout is not 1.0.0");
            JsonNode index = JSON.readTree(files.get("index.json"));
            check(index.path("schemaVersion").asInt() == 2, "index.json schemaVersion");
            check(index.path("manifests").size() == 1, "one manifest in index.json");
            JsonNode descriptor = index.path("manifests").get(0);
            check(descriptor.path("mediaType").asText().equals(MANIFEST), "manifest media type");
            String manifestDigest = descriptor.path("digest").asText();
            JsonNode manifest = JSON.readTree(blob(
                    files, blobSizes, manifestDigest, descriptor.path("size").asLong()));
            check(manifest.path("schemaVersion").asInt() == 2, "manifest schemaVersion");
            JsonNode configDescriptor = manifest.path("config");
            check(configDescriptor.path("mediaType").asText().equals(CONFIG), "config media type");
            JsonNode config = JSON.readTree(blob(
                    files,
                    blobSizes,
                    configDescriptor.path("digest").asText(),
                    configDescriptor.path("size").asLong()));
            JsonNode configDiffIds = config.path("rootfs").path("diff_ids");
            check(config.path("rootfs").path("type").asText().equals("layers"), "rootfs type");
            check(configDiffIds.size() == manifest.path("layers").size(), "as many diff_ids as layers");
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < manifest.path("layers").size(); i++) {
                JsonNode l = manifest.path("layers").get(i);
                String digest = l.path("digest").asText();
                check(l.path("mediaType").asText().equals(LAYER), "layer media type " + l);
                check(layerEntries.containsKey(digest), "no blob of layer " + digest);
                check(blobSizes.get(digest) == l.path("size").asLong(), "size of layer " + digest);
                check(
                        diffIds.get(digest).equals(configDiffIds.get(i).asText()),
                        "diff_id of layer " + i + " is " + diffIds.get(digest));
                layers.add(new Layer(digest, l.path("size").asLong(), diffIds.get(digest), layerEntries.get(digest)));
            }
            return new OciImage(index, manifestDigest, manifest, config, layers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image's file system: the layers' entries, later layers over earlier ones, by absolute path. */
    Map<String, Entry> fileSystem() {
        Map<String, Entry> all = new TreeMap<>();
        for (Layer l : layers) {
            for (Entry e : l.entries()) {
                all.put(e.path(), e);
            }
        }
        return all;
    }

    JsonNode containerConfig() {
        return config.path("config");
    }

    /**
     * Writes the image's file system under {@code root} with each entry's mode and, with {@code owners} (only root may
     * give files away), its owner, as a container runtime would unpack it.
     */
    void extract(Path tarball, Path root, boolean owners) {
        // layers are applied in the manifest's order: read the tarball once per layer (four small passes)
        for (Layer layer : layers) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.getName().equals("blobs/sha256/" + layer.digest().substring("sha256:".length()))) {
                        unpack(new TarArchiveInputStream(new GZIPInputStream(tar, 65536)), root, owners);
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void unpack(TarArchiveInputStream layer, Path root, boolean owners) throws IOException {
        List<TarArchiveEntry> directories = new ArrayList<>();
        for (TarArchiveEntry e = layer.getNextEntry(); e != null; e = layer.getNextEntry()) {
            Path target = root.resolve(e.getName().replaceFirst("^/", "")).normalize();
            check(target.startsWith(root), "entry outside the root: " + e.getName());
            if (e.isDirectory()) {
                Files.createDirectories(target);
                directories.add(e);
            } else {
                check(e.isFile(), "only files and directories in a layer: " + e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(layer, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                own(target, e, owners);
            }
        }
        for (TarArchiveEntry d : directories) {
            own(root.resolve(d.getName().replaceFirst("^/", "")).normalize(), d, owners);
        }
    }

    private static void own(Path p, TarArchiveEntry e, boolean owners) throws IOException {
        if (owners) {
            Files.setAttribute(p, "unix:uid", (int) e.getLongUserId());
            Files.setAttribute(p, "unix:gid", (int) e.getLongGroupId());
            Files.setPosixFilePermissions(p, permissions(e.getMode()));
        } else {
            // not root: keep the files the caller's (a directory of mode 700 of another user could not be entered)
            Set<PosixFilePermission> mode = permissions(e.getMode());
            mode.add(PosixFilePermission.OWNER_READ);
            mode.add(PosixFilePermission.OWNER_WRITE);
            if (e.isDirectory()) {
                mode.add(PosixFilePermission.OWNER_EXECUTE);
            }
            Files.setPosixFilePermissions(p, mode);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    private static List<Entry> entries(InputStream layer) throws IOException {
        List<Entry> entries = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String path = "/" + e.getName().replaceFirst("^/", "").replaceFirst("/$", "");
            entries.add(new Entry(
                    path, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), e.isDirectory(), e.getSize()));
        }
        return entries;
    }

    private static byte[] blob(Map<String, byte[]> files, Map<String, Long> sizes, String digest, long size) {
        byte[] b = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
        check(b != null, "no blob " + digest);
        check(b.length == size, "size of blob " + digest);
        return b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("not a valid OCI image: " + message);
        }
    }
}

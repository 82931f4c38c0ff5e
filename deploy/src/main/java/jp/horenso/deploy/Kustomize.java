package jp.horenso.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code kustomize build} for the subset of Kustomize that {@code deploy/k8s} uses, and nothing more: a field of a
 * kustomization outside that subset is refused rather than silently ignored. No Java implementation of Kustomize is
 * published on Maven Central; {@code KustomizeMatchesKubectlTest} compares this renderer with the real one (kubectl's
 * built-in kustomize) wherever kubectl is installed.
 *
 * <p>Supported: {@code resources} (files of one or more documents, and directories with a kustomization of their own,
 * built first), {@code namespace}, {@code labels} (pairs on {@code metadata.labels}; {@code includeTemplates} also on
 * pod templates; {@code includeSelectors} is refused), {@code images} ({@code name}, {@code newName}, {@code newTag},
 * {@code digest}, in every {@code containers}/{@code initContainers} list), {@code patches} (strategic-merge patches,
 * from {@code path} or inline {@code patch}, one or more documents, matched by group, kind and name, or by a
 * {@code target} of kind, name (a regular expression, as in Kustomize), group, version and {@code labelSelector}
 * {@code k=v,…}). Strategic merge: mappings merge, {@code null} deletes a key; in Kubernetes' own kinds the lists
 * {@code containers}, {@code initContainers}, {@code volumes}, {@code env}, {@code imagePullSecrets} merge by
 * {@code name}, {@code volumeMounts} by {@code mountPath}, container {@code ports} by {@code containerPort}; every other
 * list, and every list of a custom resource, is replaced (JSON merge patch, as Kustomize does for kinds it has no
 * schema for). {@code $patch} directives and JSON 6902 patches are refused.
 */
public final class Kustomize {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "CustomResourceDefinition",
            "ClusterRole",
            "ClusterRoleBinding",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "volumes", "name",
            "env", "name",
            "imagePullSecrets", "name",
            "volumeMounts", "mountPath",
            "ports", "containerPort");
    /** Kustomize's "legacy" output order: these kinds first, in this order, then every other kind by name. */
    private static final List<String> ORDER_FIRST = List.of(
            "Namespace",
            "ResourceQuota",
            "StorageClass",
            "CustomResourceDefinition",
            "ServiceAccount",
            "PodSecurityPolicy",
            "Role",
            "ClusterRole",
            "RoleBinding",
            "ClusterRoleBinding",
            "ConfigMap",
            "Secret",
            "Endpoints",
            "Service",
            "LimitRange",
            "PriorityClass",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "Deployment",
            "StatefulSet",
            "CronJob",
            "PodDisruptionBudget");

    private Kustomize() {}

    /** The objects {@code kustomize build dir} prints, in Kustomize's legacy order. */
    public static List<ObjectNode> build(Path dir) {
        List<ObjectNode> objects = new ArrayList<>(accumulate(dir));
        objects.sort(Comparator.comparingInt((ObjectNode o) -> {
                    int i = ORDER_FIRST.indexOf(o.path("kind").asText());
                    return i < 0 ? ORDER_FIRST.size() : i;
                })
                .thenComparing(o -> o.path("kind").asText())
                .thenComparing(o -> o.path("metadata").path("namespace").asText())
                .thenComparing(o -> o.path("metadata").path("name").asText()));
        return objects;
    }

    private static List<ObjectNode> accumulate(Path dir) {
        Path file = kustomizationFile(dir);
        List<ObjectNode> documents = Yaml.documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": one document expected");
        }
        ObjectNode k = documents.get(0);
        for (Iterator<String> names = k.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(file + ": field '" + name + "' is not supported by this renderer");
            }
        }
        if (!k.path("kind").asText("Kustomization").equals("Kustomization")) {
            throw new IllegalArgumentException(file + ": kind must be Kustomization");
        }
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode entry : k.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            List<ObjectNode> loaded = Files.isDirectory(resource) ? accumulate(resource) : load(resource);
            for (ObjectNode object : loaded) {
                String id = id(object);
                if (byId.putIfAbsent(id, object) != null) {
                    throw new IllegalArgumentException(file + ": " + id + " is declared twice");
                }
            }
        }
        List<ObjectNode> objects = new ArrayList<>(byId.values());
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, file, objects, patch);
        }
        if (k.hasNonNull("namespace")) {
            String namespace = k.get("namespace").asText();
            for (ObjectNode object : objects) {
                String kind = object.path("kind").asText();
                if (kind.equals("RoleBinding")) {
                    throw new IllegalArgumentException(file + ": namespace with a RoleBinding is not supported");
                }
                if (!CLUSTER_SCOPED.contains(kind)) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode labels : k.path("labels")) {
            applyLabels(file, objects, labels);
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode object : objects) {
                setImages(object, image);
            }
        }
        return objects;
    }

    private static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException(dir + ": no kustomization.yaml");
    }

    private static List<ObjectNode> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such resource");
        }
        List<ObjectNode> objects = Yaml.documents(file);
        for (ObjectNode object : objects) {
            if (!object.hasNonNull("apiVersion")
                    || !object.hasNonNull("kind")
                    || !object.path("metadata").hasNonNull("name")) {
                throw new IllegalArgumentException(file + ": an object without apiVersion, kind or metadata.name");
            }
        }
        return objects;
    }

    static String id(ObjectNode object) {
        return group(object.path("apiVersion").asText()) + "/"
                + object.path("kind").asText() + "/"
                + object.path("metadata").path("namespace").asText("") + "/"
                + object.path("metadata").path("name").asText();
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String version(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    // ---- patches

    private static void applyPatch(Path dir, Path file, List<ObjectNode> objects, JsonNode entry) {
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("path", "patch", "target").contains(name)) {
                throw new IllegalArgumentException(file + ": patches." + name + " is not supported");
            }
        }
        List<ObjectNode> patches;
        if (entry.hasNonNull("path")) {
            patches = Yaml.documents(dir.resolve(entry.get("path").asText()));
        } else if (entry.hasNonNull("patch")) {
            patches = Yaml.documents(entry.get("patch").asText(), file + " (inline patch)");
        } else {
            throw new IllegalArgumentException(file + ": a patch needs a path or a patch");
        }
        for (ObjectNode patch : patches) {
            if (!patch.has("kind") || patch.toString().contains("\"$patch\"")) {
                throw new IllegalArgumentException(
                        file + ": only strategic-merge patches without $patch directives are supported");
            }
            int matched = 0;
            for (ObjectNode object : objects) {
                if (entry.has("target") ? selected(object, entry.get("target")) : sameObject(object, patch)) {
                    ObjectNode body = patch.deepCopy();
                    // Kustomize applies a targeted patch whatever name it carries.
                    body.remove("apiVersion");
                    body.remove("kind");
                    if (entry.has("target")) {
                        ObjectNode meta = (ObjectNode) body.get("metadata");
                        if (meta != null) {
                            meta.remove("name");
                            meta.remove("namespace");
                        }
                    }
                    merge(object, body, builtin(object));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalArgumentException(
                        file + ": the patch of " + patch.path("kind").asText() + " "
                                + patch.path("metadata").path("name").asText() + " matches no object");
            }
        }
    }

    private static boolean sameObject(ObjectNode object, ObjectNode patch) {
        return object.path("kind").asText().equals(patch.path("kind").asText())
                && object.path("metadata")
                        .path("name")
                        .asText()
                        .equals(patch.path("metadata").path("name").asText())
                && (!patch.has("apiVersion")
                        || group(object.path("apiVersion").asText())
                                .equals(group(patch.path("apiVersion").asText())));
    }

    private static boolean selected(ObjectNode object, JsonNode target) {
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("group", "version", "kind", "name", "labelSelector").contains(name)) {
                throw new IllegalArgumentException("patch target field '" + name + "' is not supported");
            }
        }
        String apiVersion = object.path("apiVersion").asText();
        if (target.has("group") && !target.get("group").asText().equals(group(apiVersion))) {
            return false;
        }
        if (target.has("version") && !target.get("version").asText().equals(version(apiVersion))) {
            return false;
        }
        if (target.has("kind")
                && !target.get("kind").asText().equals(object.path("kind").asText())) {
            return false;
        }
        if (target.has("name")
                && !Pattern.matches(
                        target.get("name").asText(),
                        object.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            JsonNode labels = object.path("metadata").path("labels");
            for (String requirement : target.get("labelSelector").asText().split(",")) {
                String[] pair = requirement.trim().split("=", 2);
                if (pair.length != 2 || !labels.path(pair[0]).asText("\u0000").equals(pair[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean builtin(ObjectNode object) {
        String group = group(object.path("apiVersion").asText());
        return !group.contains(".") || group.endsWith(".k8s.io") && !group.equals("apiextensions.k8s.io");
    }

    /** Strategic merge of {@code patch} into {@code target} (see the class comment for the rules). */
    static void merge(ObjectNode target, ObjectNode patch, boolean builtin) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, builtin);
            } else if (value.isArray()
                    && current != null
                    && current.isArray()
                    && builtin
                    && MERGE_KEYS.containsKey(key)) {
                mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(key), builtin);
            } else {
                target.set(key, withoutNulls(value.deepCopy()));
            }
        }
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String mergeKey, boolean builtin) {
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.has(mergeKey)) {
                throw new IllegalArgumentException("a patched list element has no " + mergeKey + ": " + element);
            }
            ObjectNode match = null;
            for (JsonNode existing : current) {
                if (existing.path(mergeKey).equals(element.get(mergeKey))) {
                    match = (ObjectNode) existing;
                }
            }
            if (match == null) {
                current.add(withoutNulls(element.deepCopy()));
            } else {
                merge(match, (ObjectNode) element, builtin);
            }
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            List<String> nulls = new ArrayList<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    withoutNulls(f.getValue());
                }
            });
            ((ObjectNode) node).remove(nulls);
        } else if (node.isArray()) {
            node.forEach(Kustomize::withoutNulls);
        }
        return node;
    }

    // ---- labels and images

    private static void applyLabels(Path file, List<ObjectNode> objects, JsonNode entry) {
        if (entry.path("includeSelectors").asBoolean(false)) {
            throw new IllegalArgumentException(file + ": labels.includeSelectors is not supported");
        }
        boolean templates = entry.path("includeTemplates").asBoolean(false);
        for (ObjectNode object : objects) {
            ObjectNode labels = labelsOf(metadata(object));
            entry.path("pairs").fields().forEachRemaining(pair -> labels.set(pair.getKey(), pair.getValue()));
            JsonNode template = object.path("spec").path("template");
            if (templates && template.isObject() && builtin(object)) {
                ObjectNode templateLabels = labelsOf(metadata((ObjectNode) template));
                entry.path("pairs").fields().forEachRemaining(p -> templateLabels.set(p.getKey(), p.getValue()));
            }
        }
    }

    private static ObjectNode labelsOf(ObjectNode metadata) {
        return metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    }

    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (Set.of("containers", "initContainers").contains(field.getKey())
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        if (container.hasNonNull("image")) {
                            String replaced =
                                    replaceImage(container.get("image").asText(), image);
                            ((ObjectNode) container).put("image", replaced);
                        }
                    }
                }
                setImages(field.getValue(), image);
            });
        } else if (node.isArray()) {
            node.forEach(element -> setImages(element, image));
        }
    }

    static String replaceImage(String reference, JsonNode image) {
        String name = reference;
        String suffix = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            suffix = name.substring(at);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                suffix = name.substring(colon);
                name = name.substring(0, colon);
            }
        }
        if (!name.equals(image.path("name").asText())) {
            return reference;
        }
        if (image.hasNonNull("newName")) {
            name = image.get("newName").asText();
        }
        if (image.hasNonNull("digest")) {
            suffix = "@" + image.get("digest").asText();
        } else if (image.hasNonNull("newTag")) {
            suffix = ":" + image.get("newTag").asText();
        }
        return name + suffix;
    }
}

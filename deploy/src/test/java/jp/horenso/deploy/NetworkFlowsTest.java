package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The NetworkPolicies of each overlay, evaluated as Kubernetes does (a pod selected by a policy of a type is isolated
 * for that direction; a flow needs the sender's egress and the receiver's ingress), allow exactly the flows of
 * docs/architecture.md — the table below, also in docs/operations.md — and nothing else between the parts, on any
 * of the ports any part listens on.
 */
class NetworkFlowsTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    /** What may talk to what: "from -> to:port" (TCP unless /udp). */
    static final Set<String> ALLOWED = new TreeSet<>(List.of(
            // the console calls the three services with the person's token; live updates from Kafka; Keycloak
            "web -> incident-service:8081",
            "web -> escalation-service:8082",
            "web -> notification-service:8083",
            "web -> kafka:9093",
            "web -> keycloak:8443",
            // the public site reads incident-service's login-free endpoint only
            "public-site -> incident-service:8081",
            // each service: its database, Kafka, Keycloak's keys (back channel)
            "incident-service -> postgres:5432",
            "incident-service -> kafka:9093",
            "incident-service -> keycloak:8443",
            "escalation-service -> postgres:5432",
            "escalation-service -> kafka:9093",
            "escalation-service -> keycloak:8443",
            "notification-service -> postgres:5432",
            "notification-service -> kafka:9093",
            "notification-service -> keycloak:8443",
            // notification-service: the mail relay and the webhook receivers
            "notification-service -> smtp-relay:587",
            "notification-service -> webhook-receivers:443",
            // Keycloak: its database and its cache cluster
            "keycloak -> postgres:5432",
            "keycloak -> keycloak:7800",
            "keycloak -> keycloak:57800",
            // Kafka among its nodes; the entity operator; Strimzi's cluster operator
            "kafka -> kafka:9090",
            "kafka -> kafka:9091",
            "kafka-entity-operator -> kafka:9091",
            "kafka-entity-operator -> kube-apiserver:443",
            "kafka-entity-operator -> kube-apiserver:6443",
            "strimzi-operator -> kafka:9090",
            "strimzi-operator -> kafka:9091",
            // PostgreSQL: replication and instance managers, backups, the API server, the operator
            "postgres -> postgres:5432",
            "postgres -> postgres:8000",
            "postgres -> object-store:443",
            "postgres -> kube-apiserver:443",
            "postgres -> kube-apiserver:6443",
            "cnpg-operator -> postgres:5432",
            "cnpg-operator -> postgres:8000",
            // people (through the ingress controller): console, public site, acknowledgement links, log-in
            "ingress-controller -> web:8080",
            "ingress-controller -> public-site:8084",
            "ingress-controller -> notification-service:8083",
            "ingress-controller -> keycloak:8443",
            // Prometheus
            "prometheus -> incident-service:8081",
            "prometheus -> escalation-service:8082",
            "prometheus -> notification-service:8083",
            "prometheus -> web:8080",
            "prometheus -> public-site:8084",
            "prometheus -> postgres:9187",
            "prometheus -> keycloak:9000"));

    private static final List<String> IN_NAMESPACE = List.of(
            "incident-service",
            "escalation-service",
            "notification-service",
            "web",
            "public-site",
            "kafka",
            "kafka-entity-operator",
            "postgres",
            "keycloak");
    private static final List<Integer> PORTS = List.of(
            22, 25, 53, 80, 443, 587, 5432, 6443, 7800, 8000, 8080, 8081, 8082, 8083, 8084, 8443, 9000, 9090, 9091,
            9092, 9093, 9187, 9404, 57800);

    /** A party of a flow: a pod (labels, its namespace's labels) or an address outside the cluster. */
    record Party(String name, Map<String, String> labels, Map<String, String> namespaceLabels, String ip) {
        boolean inNamespace() {
            return namespaceLabels == null && ip == null;
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void policiesAllowExactlyTheArchitecturesFlows(String overlay) {
        List<ObjectNode> objects = Repo.render(overlay);
        List<ObjectNode> policies = Repo.ofKind(objects, "NetworkPolicy");
        Map<String, Party> parties = parties(objects, overlay);
        Set<String> allowed = new TreeSet<>();
        for (Party from : parties.values()) {
            for (Party to : parties.values()) {
                if (from.inNamespace() || to.inNamespace()) {
                    for (int port : PORTS) {
                        if (allows(policies, from, to, port, "TCP")) {
                            allowed.add(from.name() + " -> " + to.name() + ":" + port);
                        }
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>(ALLOWED);
        for (String pod : IN_NAMESPACE) {
            expected.add(pod + " -> kube-dns:53");
            assertEquals(true, allows(policies, parties.get(pod), parties.get("kube-dns"), 53, "UDP"), pod);
        }
        assertEquals(String.join("\n", expected), String.join("\n", allowed), overlay);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkasListenerAdmitsTheSameClientsAsThePolicies(String overlay) {
        ObjectNode kafka = Repo.named(Repo.render(overlay), "Kafka", "horenso");
        Set<String> peers = new TreeSet<>();
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            listener.path("networkPolicyPeers")
                    .forEach(p -> peers.add(p.at("/podSelector/matchLabels/app.kubernetes.io~1name")
                            .asText()));
        }
        Set<String> clients = new TreeSet<>();
        ALLOWED.stream()
                .filter(edge -> edge.endsWith("-> kafka:9093"))
                .forEach(edge -> clients.add(edge.substring(0, edge.indexOf(' '))));
        assertEquals(clients, peers);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theIngressesExposeExactlyWhatTheIngressControllerMayReach(String overlay) {
        List<ObjectNode> objects = Repo.render(overlay);
        Set<String> exposed = new TreeSet<>();
        for (ObjectNode ingress : Repo.ofKind(objects, "Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    String service = path.at("/backend/service/name").asText();
                    JsonNode port = path.at("/backend/service/port");
                    String number = port.has("number")
                            ? port.get("number").asText()
                            : Repo.named(objects, "Service", service)
                                    .at("/spec/ports/0/port")
                                    .asText();
                    String party = service.equals("horenso-keycloak-service") ? "keycloak" : service;
                    exposed.add("ingress-controller -> " + party + ":" + number);
                }
            }
        }
        Set<String> allowed = new TreeSet<>();
        ALLOWED.stream().filter(e -> e.startsWith("ingress-controller ->")).forEach(allowed::add);
        assertEquals(allowed, exposed);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theConsolesMetricsAndHealthAreRefusedAtTheIngress(String overlay) {
        // /q/metrics is readable without a login (for Prometheus inside the cluster): every host that routes to the
        // console must claim /q/ in an Ingress that refuses every client.
        List<ObjectNode> objects = Repo.render(overlay);
        Set<String> consoleHosts = new TreeSet<>();
        Set<String> refused = new TreeSet<>();
        for (ObjectNode ingress : Repo.ofKind(objects, "Ingress")) {
            boolean deniesAll = ingress.at("/metadata/annotations")
                    .path("nginx.ingress.kubernetes.io/denylist-source-range")
                    .asText()
                    .contains("0.0.0.0/0");
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    if (path.at("/backend/service/name").asText().equals("web")) {
                        if (deniesAll && path.path("path").asText().equals("/q/")) {
                            refused.add(rule.path("host").asText());
                        } else if (!deniesAll) {
                            consoleHosts.add(rule.path("host").asText());
                        }
                    }
                }
            }
        }
        assertFalse(consoleHosts.isEmpty());
        assertEquals(consoleHosts, refused);
    }

    private static Map<String, Party> parties(List<ObjectNode> objects, String overlay) {
        Map<String, Party> parties = new LinkedHashMap<>();
        for (ObjectNode deployment : Repo.ofKind(objects, "Deployment")) {
            Map<String, String> labels = new LinkedHashMap<>();
            deployment
                    .at("/spec/template/metadata/labels")
                    .fields()
                    .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            String name = deployment.at("/metadata/name").asText();
            parties.put(name, new Party(name, labels, null, null));
        }
        // The labels the operators put on the pods they run (Strimzi, CloudNativePG, Keycloak operator).
        parties.put(
                "kafka",
                new Party(
                        "kafka",
                        Map.of(
                                "strimzi.io/cluster", "horenso",
                                "strimzi.io/kind", "Kafka",
                                "strimzi.io/name", "horenso-kafka",
                                "strimzi.io/broker-role", "true"),
                        null,
                        null));
        parties.put(
                "kafka-entity-operator",
                new Party(
                        "kafka-entity-operator",
                        Map.of(
                                "strimzi.io/cluster", "horenso",
                                "strimzi.io/kind", "Kafka",
                                "strimzi.io/name", "horenso-entity-operator"),
                        null,
                        null));
        parties.put(
                "postgres",
                new Party(
                        "postgres",
                        Map.of("cnpg.io/cluster", "horenso-pg", "cnpg.io/podRole", "instance", "role", "primary"),
                        null,
                        null));
        parties.put(
                "keycloak",
                new Party(
                        "keycloak",
                        Map.of(
                                "app", "keycloak",
                                "app.kubernetes.io/instance", "horenso-keycloak",
                                "app.kubernetes.io/managed-by", "keycloak-operator"),
                        null,
                        null));
        // Pods of other namespaces.
        parties.put("ingress-controller", outside("ingress-controller", "ingress-nginx", Map.of()));
        parties.put("prometheus", outside("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus")));
        parties.put(
                "strimzi-operator", outside("strimzi-operator", "strimzi", Map.of("name", "strimzi-cluster-operator")));
        parties.put(
                "cnpg-operator",
                outside("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")));
        parties.put("kube-dns", outside("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns")));
        parties.put(
                "another-namespace",
                outside("another-namespace", "other-app", Map.of("app.kubernetes.io/name", "web")));
        // Addresses outside the cluster, inside each overlay's external-endpoints.yaml ranges.
        boolean production = overlay.equals("production");
        String net = production ? "198.51.100." : "192.0.2.";
        parties.put("smtp-relay", address("smtp-relay", net + "25"));
        parties.put("webhook-receivers", address("webhook-receivers", net + "81"));
        parties.put("object-store", address("object-store", net + "90"));
        parties.put("kube-apiserver", address("kube-apiserver", "10.0.0.1"));
        parties.put("internet", address("internet", "203.0.113.7"));
        return parties;
    }

    private static Party outside(String name, String namespace, Map<String, String> labels) {
        return new Party(name, labels, Map.of("kubernetes.io/metadata.name", namespace), null);
    }

    private static Party address(String name, String ip) {
        return new Party(name, Map.of(), null, ip);
    }

    /** Whether a {@code protocol} connection from {@code from} to {@code to}:{@code port} gets through. */
    static boolean allows(List<ObjectNode> policies, Party from, Party to, int port, String protocol) {
        boolean out = !from.inNamespace() || permitted(policies, from, to, port, protocol, "Egress");
        boolean in = !to.inNamespace() || permitted(policies, to, from, port, protocol, "Ingress");
        return out && in;
    }

    private static boolean permitted(
            List<ObjectNode> policies, Party self, Party peer, int port, String protocol, String type) {
        List<ObjectNode> selecting = new ArrayList<>();
        for (ObjectNode policy : policies) {
            boolean typed = false;
            for (JsonNode t : policy.at("/spec/policyTypes")) {
                typed |= t.asText().equals(type);
            }
            if (typed && matches(policy.at("/spec/podSelector"), self.labels())) {
                selecting.add(policy);
            }
        }
        if (selecting.isEmpty()) {
            return true; // not isolated in this direction
        }
        String rules = type.equals("Ingress") ? "ingress" : "egress";
        String peers = type.equals("Ingress") ? "from" : "to";
        for (ObjectNode policy : selecting) {
            for (JsonNode rule : policy.at("/spec").path(rules)) {
                if (portMatches(rule.path("ports"), port, protocol) && peerMatches(rule.path(peers), peer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, int port, String protocol) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            boolean sameProtocol = p.path("protocol").asText("TCP").equals(protocol);
            boolean samePort = !p.has("port")
                    || p.get("port").asInt() == port
                    || p.has("endPort")
                            && port >= p.get("port").asInt()
                            && port <= p.get("endPort").asInt();
            if (sameProtocol && samePort) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode peers, Party peer) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                if (peer.ip() != null && inCidr(peer.ip(), p.at("/ipBlock/cidr").asText())) {
                    boolean excepted = false;
                    for (JsonNode except : p.at("/ipBlock/except")) {
                        excepted |= inCidr(peer.ip(), except.asText());
                    }
                    if (!excepted) {
                        return true;
                    }
                }
                continue;
            }
            if (peer.ip() != null) {
                continue;
            }
            boolean namespaceOk = p.has("namespaceSelector")
                    ? peer.namespaceLabels() != null && matches(p.get("namespaceSelector"), peer.namespaceLabels())
                    : peer.inNamespace();
            boolean podOk = !p.has("podSelector") || matches(p.get("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            var label = it.next();
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        if (selector.has("matchExpressions")) {
            throw new IllegalArgumentException("matchExpressions are not evaluated by this test: " + selector);
        }
        return true;
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value * 256 + Integer.parseInt(octet);
        }
        return value;
    }
}

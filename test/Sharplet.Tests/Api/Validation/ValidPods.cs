using Sharplet.Api;
using Sharplet.Api.Defaulting;

namespace Sharplet.Tests.Api.Validation;

/// <summary>Pods that validate cleanly once defaulted; each test breaks one field of a fresh copy.</summary>
internal static class ValidPods
{
    /// <summary>Uses most of what a kubelet acts on: a sidecar, an init container, probes, hooks, volumes and resources.</summary>
    public const string FullYaml = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-0
          namespace: shop
          labels: {app: web, app.kubernetes.io/part-of: shop}
          annotations: {example.com/owner: team-a, Example.com/Notes: "anything goes here"}
        spec:
          serviceAccountName: web
          hostname: web-0
          subdomain: web
          terminationGracePeriodSeconds: 45
          activeDeadlineSeconds: 3600
          priorityClassName: high
          runtimeClassName: runc
          nodeSelector: {kubernetes.io/os: linux}
          tolerations:
          - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
          - {operator: Exists}
          hostAliases:
          - {ip: 10.0.0.1, hostnames: [db.local, cache.local]}
          - {ip: "fd00::1", hostnames: [v6.local]}
          dnsConfig:
            nameservers: [1.1.1.1]
            searches: [svc.cluster.local, _tcp.example.com]
            options: [{name: ndots, value: "2"}]
          readinessGates: [{conditionType: example.com/ready}]
          securityContext:
            runAsUser: 1000
            runAsGroup: 1000
            fsGroup: 2000
            supplementalGroups: [3000]
            seccompProfile: {type: RuntimeDefault}
            sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]
          volumes:
          - name: scratch
            emptyDir: {sizeLimit: 1Gi}
          - name: cache
            emptyDir: {medium: Memory}
          - name: host-logs
            hostPath: {path: /var/log, type: Directory}
          - name: config
            configMap:
              name: web-config
              items: [{key: app.conf, path: conf/app.conf, mode: 0400}]
          - name: tls
            secret: {secretName: web-tls, defaultMode: 0440}
          - name: podinfo
            downwardAPI:
              items:
              - {path: labels, fieldRef: {fieldPath: metadata.labels}}
              - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1m}}
          - name: token
            projected:
              sources:
              - serviceAccountToken: {path: token, audience: api}
              - configMap: {name: ca, items: [{key: ca.crt, path: ca.crt}]}
              - downwardAPI: {items: [{path: namespace, fieldRef: {fieldPath: metadata.namespace}}]}
          - name: data
            persistentVolumeClaim: {claimName: web-data}
          - name: defaulted
          initContainers:
          - name: migrate
            image: registry.example.com:5000/shop/migrate:1.2
            command: [/migrate, --up]
            env: [{name: DB_URL, valueFrom: {secretKeyRef: {name: db, key: url}}}]
          - name: proxy
            image: envoyproxy/envoy:v1.30.0
            restartPolicy: Always
            ports: [{name: admin, containerPort: 9901}]
            readinessProbe:
              httpGet: {path: /ready, port: admin}
            startupProbe:
              tcpSocket: {port: 9901}
              failureThreshold: 30
            lifecycle:
              preStop: {sleep: {seconds: 5}}
          containers:
          - name: app
            image: shop/web@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            ports:
            - {name: http, containerPort: 8080}
            - {name: metrics, containerPort: 9090, protocol: TCP}
            - {containerPort: 5353, protocol: UDP, hostPort: 5353}
            env:
            - {name: MODE, value: production}
            - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: TEAM, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
            - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
            - {name: LOG_LEVEL, valueFrom: {configMapKeyRef: {name: web-config, key: log.level, optional: true}}}
            - {name: "1_starts_with_digit", value: relaxed names are allowed}
            envFrom:
            - {prefix: CFG_, configMapRef: {name: web-config}}
            - {secretRef: {name: web-secrets}}
            resources:
              requests: {cpu: 250m, memory: 256Mi, ephemeral-storage: 1Gi, example.com/gpu: "1"}
              limits: {cpu: "1", memory: 512Mi, hugepages-2Mi: 4Mi, example.com/gpu: "1"}
            resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
            volumeMounts:
            - {name: scratch, mountPath: /tmp}
            - {name: config, mountPath: /etc/web/app.conf, subPath: conf/app.conf, readOnly: true}
            - {name: tls, mountPath: /etc/tls, readOnly: true, recursiveReadOnly: IfPossible}
            - {name: podinfo, mountPath: /etc/podinfo}
            - {name: token, mountPath: /var/run/secrets/tokens}
            - {name: data, mountPath: /data, subPathExpr: $(POD_NAME)}
            - {name: host-logs, mountPath: /host/logs, readOnly: true, mountPropagation: HostToContainer}
            livenessProbe:
              httpGet:
                path: /healthz
                port: http
                scheme: HTTPS
                httpHeaders: [{name: X-Probe, value: kubelet}]
              initialDelaySeconds: 5
              terminationGracePeriodSeconds: 10
            readinessProbe:
              grpc: {port: 9090}
            startupProbe:
              exec: {command: [cat, /tmp/started]}
            lifecycle:
              postStart: {exec: {command: [/bin/sh, -c, "echo started"]}}
              preStop: {httpGet: {path: /drain, port: 8080}}
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: {drop: [ALL]}
          - name: logger
            image: busybox
            command: [tail, -F, /tmp/app.log]
            volumeMounts: [{name: scratch, mountPath: /tmp}, {name: defaulted, mountPath: /defaulted}]
        """;

    public const string MinimalYaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: nginx, namespace: default}
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
        """;

    /// <summary>The full pod, defaulted.</summary>
    public static Pod Full() => Defaulted(FullYaml);

    /// <summary>One container and nothing else, defaulted.</summary>
    public static Pod Minimal() => Defaulted(MinimalYaml);

    public static Pod Read(string yaml) => YamlToJson.Convert(yaml)[0].Deserialize<Pod>(KubeJson.Strict)!;

    public static Pod Defaulted(string yaml)
    {
        var pod = Read(yaml);
        PodDefaults.Apply(pod);
        return pod;
    }
}

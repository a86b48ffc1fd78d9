using Sharplet.Api;

namespace Sharplet.Tests.Api.Core;

public class PodManifestTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: default
          labels:
            app: web
            tier: "1"
          annotations:
            example.com/enabled: "true"
        spec:
          restartPolicy: Always
          terminationGracePeriodSeconds: 45
          hostNetwork: no
          nodeSelector:
            kubernetes.io/os: linux
          securityContext:
            runAsNonRoot: true
            runAsUser: 1000
            fsGroup: 2000
            supplementalGroups: [3000, 4000]
            seccompProfile:
              type: RuntimeDefault
          initContainers:
          - name: migrate
            image: busybox:1.36
            command: ["sh", "-c", "echo migrating"]
          - name: log-shipper
            image: fluent-bit:3
            restartPolicy: Always
          containers:
          - name: app
            image: nginx:1.27
            imagePullPolicy: IfNotPresent
            args:
            - --port=8080
            ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: CPU_LIMIT
              valueFrom:
                resourceFieldRef:
                  resource: limits.cpu
                  divisor: 1m
            - name: GREETING
              value: "hello"
            envFrom:
            - configMapRef:
                name: app-config
                optional: true
            resources:
              requests:
                cpu: 500m
                memory: 128Mi
              limits:
                cpu: 1
                memory: 0.5Gi
                ephemeral-storage: 1G
            livenessProbe:
              httpGet:
                path: /healthz
                port: http
                scheme: HTTP
                httpHeaders:
                - name: X-Probe
                  value: liveness
              initialDelaySeconds: 10
              periodSeconds: 5
              failureThreshold: 3
            readinessProbe:
              tcpSocket:
                port: 8080
            startupProbe:
              exec:
                command: [cat, /tmp/ready]
            lifecycle:
              preStop:
                sleep:
                  seconds: 5
            volumeMounts:
            - name: data
              mountPath: /data
            - name: config
              mountPath: /etc/app
              readOnly: true
              subPath: app.conf
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: [ALL]
          - name: sidecar
            image: busybox:1.36
            resources:
              requests: {cpu: 100m, memory: 64Mi}
            readinessProbe:
              grpc:
                port: 9090
          volumes:
          - name: data
            emptyDir:
              medium: Memory
              sizeLimit: 256Mi
          - name: config
            configMap:
              name: app-config
              defaultMode: 0644
              items:
              - key: app.conf
                path: app.conf
          - name: host
            hostPath:
              path: /var/log
              type: Directory
          - name: token
            projected:
              sources:
              - serviceAccountToken:
                  path: token
                  expirationSeconds: 3600
                  audience: api
          tolerations:
          - key: node.kubernetes.io/not-ready
            operator: Exists
            effect: NoExecute
            tolerationSeconds: 300
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - key: kubernetes.io/arch
                    operator: In
                    values: [amd64, arm64]
        """;

    [Fact]
    public void YamlManifest_ToPod_KeepsEveryValue()
    {
        var pod = YamlToJson.Convert(Manifest).ShouldHaveSingleItem().Deserialize<Pod>(KubeJson.Strict)!;

        pod.Kind.ShouldBe("Pod");
        pod.Metadata!.Labels!["tier"].ShouldBe("1");
        pod.Metadata.Annotations!["example.com/enabled"].ShouldBe("true");
        var spec = pod.Spec!;
        spec.RestartPolicy.ShouldBe(RestartPolicy.Always);
        spec.TerminationGracePeriodSeconds.ShouldBe(45);
        spec.HostNetwork.ShouldBe(false);
        spec.SecurityContext!.SupplementalGroups.ShouldBe([3000L, 4000L]);
        spec.SecurityContext.SeccompProfile!.Type.ShouldBe(SeccompProfileType.RuntimeDefault);
        spec.InitContainers![1].RestartPolicy.ShouldBe(ContainerRestartPolicy.Always);
        spec.Containers!.Count.ShouldBe(2);

        var app = spec.Containers[0];
        app.Ports![0].Number.ShouldBe(8080);
        app.Env![0].ValueFrom!.FieldRef!.FieldPath.ShouldBe("metadata.name");
        app.Env[1].ValueFrom!.ResourceFieldRef!.Divisor.ShouldBe(Quantity.Parse("1m"));
        app.Env[2].Value.ShouldBe("hello");
        app.EnvFrom![0].ConfigMapRef!.Optional.ShouldBe(true);
        app.LivenessProbe!.HttpGet!.Port.ShouldBe(IntOrString.FromString("http"));
        app.LivenessProbe.HttpGet.HttpHeaders![0].Value.ShouldBe("liveness");
        app.LivenessProbe.FailureThreshold.ShouldBe(3);
        app.ReadinessProbe!.TcpSocket!.Port.ShouldBe(IntOrString.FromInt32(8080));
        app.StartupProbe!.Exec!.Command.ShouldBe(["cat", "/tmp/ready"]);
        app.Lifecycle!.PreStop!.Sleep!.Seconds.ShouldBe(5);
        app.VolumeMounts![1].SubPath.ShouldBe("app.conf");
        app.SecurityContext!.Capabilities!.Drop.ShouldBe(["ALL"]);
        spec.Containers[1].ReadinessProbe!.Grpc!.Port.ShouldBe(9090);

        spec.Volumes![0].EmptyDir!.SizeLimit.ShouldBe(Quantity.Parse("256Mi"));
        spec.Volumes[1].ConfigMap!.DefaultMode.ShouldBe(420); // YAML 1.1 reads 0644 as octal
        spec.Volumes[2].HostPath!.Type.ShouldBe(HostPathType.Directory);
        spec.Volumes[3].Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds.ShouldBe(3600);
        spec.Tolerations![0].TolerationSeconds.ShouldBe(300);
        spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0]
            .MatchExpressions![0].Values.ShouldBe(["amd64", "arm64"]);
    }

    [Fact]
    public void YamlManifest_Resources_AreExactQuantities()
    {
        var pod = YamlToJson.Convert(Manifest).Single().Deserialize<Pod>(KubeJson.Strict)!;
        var app = pod.Spec!.Containers![0].Resources!;

        app.Requests![ResourceName.Cpu].MilliValue().ShouldBe(500);
        app.Requests[ResourceName.Memory].Value().ShouldBe(128L * 1024 * 1024);
        app.Limits![ResourceName.Cpu].ShouldBe(Quantity.Parse("1000m"));
        app.Limits[ResourceName.Cpu].ToString().ShouldBe("1");
        app.Limits[ResourceName.Memory].ToString().ShouldBe("512Mi");
        app.Limits[ResourceName.EphemeralStorage].Value().ShouldBe(1_000_000_000);
        (app.Requests[ResourceName.Cpu] + pod.Spec.Containers[1].Resources!.Requests![ResourceName.Cpu]).ToString().ShouldBe("600m");
    }

    [Fact]
    public void YamlManifest_SerializedBack_WritesQuantitiesAsStrings()
    {
        var pod = YamlToJson.Convert(Manifest).Single().Deserialize<Pod>(KubeJson.Strict)!;

        var json = KubeJson.Serialize(pod);

        json.ShouldContain("\"requests\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"}");
        json.ShouldContain("\"limits\":{\"cpu\":\"1\",\"memory\":\"512Mi\",\"ephemeral-storage\":\"1G\"}");
        KubeJson.Serialize(KubeJson.Deserialize<Pod>(json, KubeJson.Strict)).ShouldBe(json);
    }

    [Fact]
    public void YamlManifest_WithTypo_StrictNamesTheFieldAndLenientIgnoresIt()
    {
        var document = YamlToJson.Convert(Manifest.Replace("    imagePullPolicy: IfNotPresent", "    imagePulPolicy: IfNotPresent", StringComparison.Ordinal)).Single();

        Should.Throw<System.Text.Json.JsonException>(() => document.Deserialize<Pod>(KubeJson.Strict))
            .Path.ShouldBe("$.spec.containers[0].imagePulPolicy");
        document.Deserialize<Pod>(KubeJson.Lenient)!.Spec!.Containers![0].ImagePullPolicy.ShouldBeNull();
    }

    [Fact]
    public void YamlManifest_NumberWhereStringExpected_FailsLikeKubectl()
    {
        // sigs.k8s.io/yaml turns an unquoted 1 into a JSON number, which a string field rejects.
        var document = YamlToJson.Convert("spec:\n  containers:\n  - name: a\n    env:\n    - name: X\n      value: 1\n").Single();

        Should.Throw<System.Text.Json.JsonException>(() => document.Deserialize<Pod>(KubeJson.Strict))
            .Path.ShouldBe("$.spec.containers[0].env[0].value");
    }

    [Fact]
    public void EphemeralContainer_ToContainer_CopiesTheCommonFields()
    {
        var debug = new EphemeralContainer { Name = "debug", Image = "busybox", Stdin = true, Tty = true, TargetContainerName = "app" };

        var container = debug.ToContainer();

        container.Name.ShouldBe("debug");
        container.Image.ShouldBe("busybox");
        container.Tty.ShouldBe(true);
    }
}

using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EphemeralContainer: a debugging container added to a running pod.</summary>
internal sealed class EphemeralContainer
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }

    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; set; }

    [JsonPropertyName("ports")]
    public List<ContainerPort>? Ports { get; set; }

    [JsonPropertyName("envFrom")]
    public List<EnvFromSource>? EnvFrom { get; set; }

    [JsonPropertyName("env")]
    public List<EnvVar>? Env { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("resizePolicy")]
    public List<ContainerResizePolicy>? ResizePolicy { get; set; }

    // Only "Always" is allowed, on init containers: it makes them sidecars.
    [JsonPropertyName("restartPolicy")]
    public string? RestartPolicy { get; set; }

    [JsonPropertyName("restartPolicyRules")]
    public List<ContainerRestartRule>? RestartPolicyRules { get; set; }

    [JsonPropertyName("volumeMounts")]
    public List<VolumeMount>? VolumeMounts { get; set; }

    [JsonPropertyName("volumeDevices")]
    public List<VolumeDevice>? VolumeDevices { get; set; }

    [JsonPropertyName("livenessProbe")]
    public Probe? LivenessProbe { get; set; }

    [JsonPropertyName("readinessProbe")]
    public Probe? ReadinessProbe { get; set; }

    [JsonPropertyName("startupProbe")]
    public Probe? StartupProbe { get; set; }

    [JsonPropertyName("lifecycle")]
    public Lifecycle? Lifecycle { get; set; }

    [JsonPropertyName("terminationMessagePath")]
    public string? TerminationMessagePath { get; set; }

    [JsonPropertyName("terminationMessagePolicy")]
    public string? TerminationMessagePolicy { get; set; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    [JsonPropertyName("securityContext")]
    public SecurityContext? SecurityContext { get; set; }

    [JsonPropertyName("stdin")]
    public bool? Stdin { get; set; }

    [JsonPropertyName("stdinOnce")]
    public bool? StdinOnce { get; set; }

    [JsonPropertyName("tty")]
    public bool? Tty { get; set; }

    [JsonPropertyName("targetContainerName")]
    public string? TargetContainerName { get; set; }

    /// <summary>
    /// The same container as a <see cref="Container"/>, which is how the kubelet runs ephemeral
    /// containers (upstream converts EphemeralContainerCommon the same way). Lists are shared, not copied.
    /// </summary>
    public Container ToContainer() => new()
    {
        Name = Name,
        Image = Image,
        Command = Command,
        Args = Args,
        WorkingDir = WorkingDir,
        Ports = Ports,
        EnvFrom = EnvFrom,
        Env = Env,
        Resources = Resources,
        ResizePolicy = ResizePolicy,
        RestartPolicy = RestartPolicy,
        RestartPolicyRules = RestartPolicyRules,
        VolumeMounts = VolumeMounts,
        VolumeDevices = VolumeDevices,
        LivenessProbe = LivenessProbe,
        ReadinessProbe = ReadinessProbe,
        StartupProbe = StartupProbe,
        Lifecycle = Lifecycle,
        TerminationMessagePath = TerminationMessagePath,
        TerminationMessagePolicy = TerminationMessagePolicy,
        ImagePullPolicy = ImagePullPolicy,
        SecurityContext = SecurityContext,
        Stdin = Stdin,
        StdinOnce = StdinOnce,
        Tty = Tty,
    };
}

using System.Text.Json;
using Sharplet.Util;

namespace Sharplet.Hosting;

// /configz: {"kubeletconfig": {...}} with the effective KubeletConfiguration fields Sharplet acts on, in
// upstream's field names and formats (durations as Go prints them).
internal static class ConfigzJson
{
    public static byte[] Write(SharpletSettings s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("kubeletconfig");
            w.WriteBoolean("enableServer", s.Server.Enabled);
            if (s.StaticPodPath is not null)
            {
                w.WriteString("staticPodPath", s.StaticPodPath);
            }

            w.WriteString("podLogsDir", s.PodLogsDir);
            w.WriteString("syncFrequency", GoDuration.Format(s.SyncFrequency));
            w.WriteString("fileCheckFrequency", GoDuration.Format(s.FileCheckFrequency));
            w.WriteString("address", s.Server.Address);
            w.WriteNumber("port", s.KubeletPort);
            w.WriteNumber("readOnlyPort", s.Server.ReadOnlyPort);
            if (s.Server.TlsCertFile is not null)
            {
                w.WriteString("tlsCertFile", s.Server.TlsCertFile);
                w.WriteString("tlsPrivateKeyFile", s.Server.TlsPrivateKeyFile);
            }

            w.WriteBoolean("rotateCertificates", s.EffectiveRotateCertificates);
            w.WriteBoolean("serverTLSBootstrap", s.ServerTlsBootstrap);
            if (s.Server.TlsMinVersion is not null)
            {
                w.WriteString("tlsMinVersion", s.Server.TlsMinVersion);
            }

            w.WriteStartObject("authentication");
            w.WriteStartObject("x509");
            if (s.Server.ClientCaFile is not null)
            {
                w.WriteString("clientCAFile", s.Server.ClientCaFile);
            }

            w.WriteEndObject();
            w.WriteStartObject("webhook");
            w.WriteBoolean("enabled", s.Server.WebhookAuthenticationEnabled);
            w.WriteString("cacheTTL", GoDuration.Format(s.Server.WebhookAuthenticationCacheTtl));
            w.WriteEndObject();
            w.WriteStartObject("anonymous");
            w.WriteBoolean("enabled", s.Server.AnonymousEnabled);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("authorization");
            w.WriteString("mode", s.Server.AuthorizationMode);
            w.WriteStartObject("webhook");
            w.WriteString("cacheAuthorizedTTL", GoDuration.Format(s.Server.AuthorizedCacheTtl));
            w.WriteString("cacheUnauthorizedTTL", GoDuration.Format(s.Server.UnauthorizedCacheTtl));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteNumber("healthzPort", s.HealthzPort);
            w.WriteString("healthzBindAddress", s.HealthzBindAddress);
            w.WriteString("clusterDomain", s.ClusterDomain);
            w.WriteStartArray("clusterDNS");
            foreach (var ip in s.ClusterDns)
            {
                w.WriteStringValue(ip);
            }

            w.WriteEndArray();
            w.WriteString("nodeStatusUpdateFrequency", GoDuration.Format(s.NodeStatusUpdateFrequency));
            w.WriteString("nodeStatusReportFrequency", GoDuration.Format(s.NodeStatusReportFrequency));
            w.WriteNumber("nodeLeaseDurationSeconds", s.NodeLeaseDurationSeconds);
            w.WriteString("cgroupRoot", s.CgroupRoot);
            w.WriteString("cgroupDriver", "cgroupfs");
            w.WriteString("runtimeRequestTimeout", GoDuration.Format(s.RuntimeRequestTimeout));
            w.WriteNumber("maxPods", s.MaxPods);
            w.WriteString("resolvConf", s.ResolvConf);
            w.WriteNumber("kubeAPIQPS", s.KubeApiQps);
            w.WriteNumber("kubeAPIBurst", s.KubeApiBurst);
            w.WriteBoolean("serializeImagePulls", s.SerializeImagePulls);
            w.WriteBoolean("registerNode", s.RegisterNode);
            if (s.RegisterWithTaints.Count > 0)
            {
                w.WriteStartArray("registerWithTaints");
                foreach (var taint in s.RegisterWithTaints)
                {
                    w.WriteStartObject();
                    w.WriteString("key", taint.Key);
                    if (!string.IsNullOrEmpty(taint.Value))
                    {
                        w.WriteString("value", taint.Value);
                    }

                    w.WriteString("effect", taint.Effect);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteString("containerRuntimeEndpoint", s.ContainerRuntimeEndpoint);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

using System.Text.Json.Nodes;
using static Sharplet.Hosting.KubeletConfigFile;

namespace Sharplet.Hosting;

// The KubeletConfiguration fields of node-pressure handling: eviction, image garbage collection, node
// status images and container log rotation. Kept out of KubeletConfigFile's switch so that file stays a list of the other fields.
internal static class ResourceConfigFields
{
    public static bool Apply(SharpletSettings s, string name, JsonNode value)
    {
        switch (name)
        {
            case "evictionSoft": s.EvictionSoft = Map(value); break;
            case "evictionSoftGracePeriod": s.EvictionSoftGracePeriod = Map(value); break;
            case "evictionMinimumReclaim": s.EvictionMinimumReclaim = Map(value); break;
            case "evictionPressureTransitionPeriod": s.EvictionPressureTransitionPeriod = Duration(value); break;
            case "evictionMaxPodGracePeriod": s.EvictionMaxPodGracePeriod = Int(value); break;
            case "localStorageCapacityIsolation": s.LocalStorageCapacityIsolation = Bool(value); break;
            case "imageGCHighThresholdPercent": s.ImageGcHighThresholdPercent = Int(value); break;
            case "imageGCLowThresholdPercent": s.ImageGcLowThresholdPercent = Int(value); break;
            case "imageMinimumGCAge": s.ImageMinimumGcAge = Duration(value); break;
            case "imageMaximumGCAge": s.ImageMaximumGcAge = Duration(value); break;
            case "nodeStatusMaxImages": s.NodeStatusMaxImages = Int(value); break;
            case "containerLogMaxSize": s.ContainerLogMaxSize = Str(value); break;
            case "containerLogMaxFiles": s.ContainerLogMaxFiles = Int(value); break;
            case "containerLogMaxWorkers": s.ContainerLogMaxWorkers = Int(value); break;
            case "containerLogMonitorInterval": s.ContainerLogMonitorInterval = Duration(value); break;
            default:
                return false;
        }

        return true;
    }
}

namespace Sharplet.Events;

// Kubernetes events about this node (upstream's recorder with the kubelet's nodeRef), e.g. the eviction
// manager's EvictionThresholdMet. Standalone they go to the log; connected they are also posted to the API.
internal interface INodeEventRecorder
{
    void Record(string type, string reason, string message);
}

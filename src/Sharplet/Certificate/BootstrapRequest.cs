namespace Sharplet.Certificate;

/// <summary>The inputs of TLS bootstrap: --kubeconfig, --bootstrap-kubeconfig, --cert-dir and the node's name.</summary>
internal sealed record BootstrapRequest(string KubeconfigPath, string BootstrapKubeconfigPath, string CertDir, string NodeName);

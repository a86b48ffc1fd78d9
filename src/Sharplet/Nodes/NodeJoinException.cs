namespace Sharplet.Nodes;

// Sharplet cannot join the cluster as its node and retrying will not change that: the API server's certificate
// is not trusted, or it refused the client's identity (401) or what the node may do (403, e.g. a node
// credential for another node's name). The message is one sentence naming the node, and the inner error's
// text names the server, the kubeconfig and the user.
internal sealed class NodeJoinException : Exception
{
    public NodeJoinException()
    {
    }

    public NodeJoinException(string message)
        : base(message)
    {
    }

    public NodeJoinException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
